'use client';

import { useId } from 'react';
import { useAppStore } from '@/lib/stores';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { freshSeed, STRATEGY_IDS, type SimSettings, type StrategyId } from '@/lib/sim/settings';
import styles from './Race.module.css';

type NumberKey = { [K in keyof SimSettings]: SimSettings[K] extends number ? K : never }[keyof SimSettings];

interface NumberField {
  key: NumberKey;
  label: string;
  step?: number;
  /** Shown only when the knob matters for the chosen strategy or arrival. */
  when?: (s: SimSettings) => boolean;
}

const usesLock = (s: SimSettings) => ['lock-poll', 'lock-safe', 'lock-notify', 'swr'].includes(s.strategy);

const FIELDS: NumberField[] = [
  { key: 'windowMs', label: 'Arrival window (ms)', when: (s) => s.arrival !== 'burst' },
  { key: 'backendLatencyMs', label: 'Backend latency (ms)' },
  { key: 'jitterMs', label: 'Jitter ± (ms)' },
  { key: 'failureRate', label: 'Backend failure rate', step: 0.05 },
  { key: 'cacheTtlMs', label: 'Cache TTL (ms)' },
  { key: 'lockTtlMs', label: 'Lock TTL (ms)', when: usesLock },
  { key: 'pollIntervalMs', label: 'Poll interval (ms)', when: (s) => s.strategy === 'lock-poll' || s.strategy === 'lock-safe' || s.strategy === 'swr' },
  { key: 'beta', label: 'β (XFetch)', step: 0.1, when: (s) => s.strategy === 'xfetch' },
  { key: 'instances', label: 'App processes (P)', when: (s) => s.strategy === 'coalesce' || s.strategy === 'lock-notify' },
];

const CLIENT_PRESETS = [10, 100, 1_000, 10_000];

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
      </div>
      <label className={styles.field}>
        Compare with
        <select value={compareWith ?? ''} onChange={(e) => setCompareWith(e.target.value ? (e.target.value as StrategyId) : null)}>
          <option value="">Nothing</option>
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
        {FIELDS.filter((f) => !f.when || f.when(settings)).map((f) => (
          <label key={f.key} className={styles.field}>
            {f.label}
            <input type="number" step={f.step ?? 1} value={settings[f.key]} onChange={(e) => set({ [f.key]: Number(e.target.value) })} />
          </label>
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
      <button type="submit" className={styles.runButton} disabled={busy}>
        {busy ? 'Racing…' : 'Run race'}
      </button>
    </form>
  );
}
