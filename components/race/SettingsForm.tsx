'use client';

import { useId } from 'react';
import { useAppStore } from '@/lib/stores';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { isComparison } from '@/lib/sim/comparison';
import { lessonRace } from '@/lib/sim/lessonPresets';
import type { Knob } from '@/lib/sim/strategy';
import { freshSeed, STRATEGY_IDS, type SimSettings, type StrategyId } from '@/lib/sim/settings';
import styles from './Race.module.css';
import own from './SettingsForm.module.css';

type NumberKey = { [K in keyof SimSettings]-?: SimSettings[K] extends number ? K : never }[keyof SimSettings];

interface NumberField {
  key: NumberKey;
  label: string;
  /** One line on what the knob does, under it. */
  hint: string;
  step?: number;
  /** Shown only when the knob matters for a strategy raced (the main one or the comparison) or the arrival. */
  when?: (s: SimSettings, strategies: StrategyId[]) => boolean;
}

/** Shown while a raced strategy declares the knob in its own file (lib/sim/strategies). */
const declared = (knob: Knob) => (_: SimSettings, strategies: StrategyId[]) => strategies.some((id) => STRATEGIES[id].knobs.includes(knob));

const FIELDS: NumberField[] = [
  { key: 'windowMs', label: 'Arrival window (ms)', hint: 'How long the clients take to arrive.', when: (s) => s.arrival !== 'burst' },
  { key: 'backendLatencyMs', label: 'Backend latency (ms)', hint: 'How long one regeneration takes on an idle backend.' },
  { key: 'backendCapacity', label: 'Backend capacity', hint: 'Queries the backend runs at once; the rest queue, so latency grows.' },
  { key: 'backendTimeoutMs', label: 'Backend timeout (ms)', hint: 'A call still unanswered after this fails, as a database client gives up.' },
  { key: 'jitterMs', label: 'Jitter ± (ms)', hint: 'Random spread added to each backend call.' },
  { key: 'failureRate', label: 'Backend failure rate', hint: 'Share of backend calls that fail outright.', step: 0.05 },
  { key: 'cacheTtlMs', label: 'Cache TTL (ms)', hint: 'How long a regenerated value stays fresh.' },
  { key: 'keys', label: 'Cache keys', hint: 'Keys written at once at the start, each with its own lock; client n reads key n mod keys.' },
  {
    key: 'ttlJitterMs',
    label: 'TTL jitter (ms)',
    hint: 'Each write adds a random 0 to this many ms to the TTL, so keys written together expire apart.',
    when: (s) => s.keys > 1,
  },
  {
    key: 'lockTtlMs',
    label: 'Lock TTL (ms)',
    hint: 'The lock’s PX: shorter than a regeneration, and it expires under its holder.',
    when: declared('lockTtlMs'),
  },
  {
    key: 'pollIntervalMs',
    label: 'Poll interval (ms)',
    hint: 'First wait of a client that lost the lock; it grows with backoff.',
    when: declared('pollIntervalMs'),
  },
  { key: 'beta', label: 'β (XFetch)', hint: 'Above 1 refreshes earlier, below 1 later.', step: 0.1, when: declared('beta') },
  { key: 'instances', label: 'App processes (P)', hint: 'Simulated app servers; coalescing works only inside one.', when: declared('instances') },
  { key: 'clientTimeoutMs', label: 'Client timeout (ms)', hint: 'A client waiting longer gives up and counts as a failure.' },
];

const CLIENT_PRESETS = [10, 100, 1_000, 10_000];

/** XFetch refreshes early only for readers who come while the value nears its expiry; a burst on a fresh value ends first. */
const XFETCH_SCENARIO: Partial<SimSettings> = { clients: 1_000, arrival: 'poisson', windowMs: 3_000, cacheTtlMs: 1_000, initialCache: 'fresh' };

/** The many-keys lesson's race: keys written together, with TTL jitter against the same race without. */
const MANY_KEYS = lessonRace('many-keys');

/** Slow enough to follow as it happens: the keys panel shows the race's lock counting down while the lanes fill in. */
const WATCH_LIVE: Partial<SimSettings> = {
  clients: 40,
  strategy: 'lock-safe',
  arrival: 'window',
  windowMs: 3_000,
  backendLatencyMs: 4_000,
  lockTtlMs: 10_000,
  backendTimeoutMs: 20_000,
  clientTimeoutMs: 30_000,
};

/** The knobs of a race. Everything here also goes into the share link. */
export function SettingsForm({ busy, onRun }: { busy: boolean; onRun: () => void }) {
  const settings = useAppStore((state) => state.raceSettings);
  const compareWith = useAppStore((state) => state.compareWith);
  const set = useAppStore((state) => state.setRaceSettings);
  const setCompareWith = useAppStore((state) => state.setCompareWith);
  const id = useId();

  return (
    <form
      className={styles.settings}
      aria-label="Race settings"
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
    >
      <div className={styles.field}>
        <label htmlFor={`${id}-clients`}>Clients</label>
        <input id={`${id}-clients`} type="number" min={1} max={10_000} value={settings.clients} onChange={(e) => set({ clients: Number(e.target.value) })} />
        <span className={styles.presets} role="group" aria-label="Client presets">
          {CLIENT_PRESETS.map((n) => (
            <button key={n} type="button" className={styles.chip} aria-pressed={settings.clients === n} onClick={() => set({ clients: n })}>
              {n.toLocaleString('en')}
            </button>
          ))}
        </span>
      </div>
      <button type="button" className={styles.chip} onClick={() => set(WATCH_LIVE)}>
        Slow race, to watch live (backend 4 s, lock 10 s)
      </button>
      <button
        type="button"
        className={styles.chip}
        onClick={() => {
          set(MANY_KEYS.settings);
          setCompareWith(MANY_KEYS.compareWith);
        }}
      >
        Many keys expiring together: 200 keys, with TTL jitter and without
      </button>
      <div className={styles.field}>
        <label htmlFor={`${id}-strategy`}>Strategy</label>
        <select id={`${id}-strategy`} value={settings.strategy} onChange={(e) => set({ strategy: e.target.value as StrategyId })}>
          {STRATEGY_IDS.map((id) => (
            <option key={id} value={id}>
              {STRATEGIES[id].label}
            </option>
          ))}
        </select>
        <small className={styles.hint}>{STRATEGIES[settings.strategy].summary}</small>
        {settings.strategy === 'xfetch' && (
          <button type="button" className={styles.chip} onClick={() => set(XFETCH_SCENARIO)}>
            Use a race where XFetch matters: steady arrivals across the expiry
          </button>
        )}
      </div>
      <label className={styles.field}>
        Compare with
        <select value={compareWith ?? ''} onChange={(e) => setCompareWith(isComparison(e.target.value) ? e.target.value : null)}>
          <option value="">Nothing</option>
          {settings.keys > 1 && settings.ttlJitterMs > 0 && <option value="no-jitter">The same race without TTL jitter</option>}
          {STRATEGY_IDS.filter((id) => id !== settings.strategy).map((id) => (
            <option key={id} value={id}>
              {STRATEGIES[id].label}
            </option>
          ))}
        </select>
      </label>
      <div className={styles.fieldRow}>
        <label className={styles.field}>
          Arrivals
          <select value={settings.arrival} onChange={(e) => set({ arrival: e.target.value as SimSettings['arrival'] })}>
            <option value="burst">All at once</option>
            <option value="window">Spread over a window</option>
            <option value="poisson">Poisson rate</option>
          </select>
        </label>
        <label className={styles.field}>
          Cache at start
          <select value={settings.initialCache} onChange={(e) => set({ initialCache: e.target.value as SimSettings['initialCache'] })}>
            <option value="auto">As the strategy expects ({STRATEGIES[settings.strategy].initialCache})</option>
            <option value="missing">Expired (missing)</option>
            <option value="stale">Stale value</option>
            <option value="fresh">Fresh, expiring</option>
          </select>
        </label>
      </div>
      <div className={styles.grid}>
        {FIELDS.filter(
          (f) => !f.when || f.when(settings, compareWith && compareWith !== 'no-jitter' ? [settings.strategy, compareWith] : [settings.strategy]),
        ).map((f) => (
          <div key={f.key} className={styles.field}>
            <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
            <input
              id={`${id}-${f.key}`}
              type="number"
              step={f.step ?? 1}
              value={settings[f.key]}
              aria-describedby={`${id}-${f.key}-hint`}
              onChange={(e) => set({ [f.key]: Number(e.target.value) })}
            />
            <small id={`${id}-${f.key}-hint`} className={styles.hint}>
              {f.hint}
            </small>
          </div>
        ))}
        <div className={styles.field}>
          <label htmlFor={`${id}-seed`}>Seed</label>
          <span className={styles.seed}>
            <input id={`${id}-seed`} type="number" value={settings.seed} onChange={(e) => set({ seed: Number(e.target.value) })} />
            <button type="button" className={styles.chip} onClick={() => set({ seed: freshSeed() })} aria-label="New seed">
              New
            </button>
          </span>
        </div>
      </div>
      {declared('watchdog')(settings, compareWith && compareWith !== 'no-jitter' ? [settings.strategy, compareWith] : [settings.strategy]) && (
        <label className={own.check}>
          <input type="checkbox" checked={settings.watchdog} onChange={(e) => set({ watchdog: e.target.checked })} />
          Watchdog: Lock + token extends its lock (compare-and-extend) every third of the lock TTL while it works
        </label>
      )}
      <button type="submit" className={styles.runButton} disabled={busy}>
        {busy ? 'Racing…' : 'Run race'}
      </button>
    </form>
  );
}
