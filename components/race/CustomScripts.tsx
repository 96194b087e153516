'use client';

import { useEffect, useId } from 'react';
import { ScriptEditor } from '@/components/editor/ScriptEditor';
import { useAppStore } from '@/lib/stores';
import type { ScriptName } from '@/lib/sim/strategies/customScripts';
import { CUSTOM_TEMPLATES, DEFAULT_CUSTOM, TEMPLATE_IDS, type TemplateId } from '@/lib/sim/strategies/customTemplates';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { usesCustom } from './customShare';
import styles from './Race.module.css';
import own from './CustomScripts.module.css';
import { useScriptCheck } from './useScriptCheck';

const HELP: Record<ScriptName, string> = {
  read: "Runs each time a client wants the value. KEYS[1] cache, KEYS[2] lock; ARGV[1] client id, ARGV[2] lock TTL ms, ARGV[3] cache TTL ms, ARGV[4] a random number in [0, 1), ARGV[5] the backend's last latency ms. Return {'hit', value}, {'stale', value}, {'stale', value, token} (serve it and refresh in the background), {'compute', token} or {'wait', ms}.",
  write:
    "Runs after the backend answered a client that got {'compute', token} (or a stale token). KEYS as above; ARGV[1] the token, ARGV[2] the new value, ARGV[3] the cache TTL ms.",
};

/**
 * The learner's own strategy: two Lua scripts, started from a built-in's custom form, checked by
 * Redis's compiler as they type (an error is marked on its line before any race starts).
 */
export function CustomScripts() {
  const settings = useAppStore((state) => state.raceSettings);
  const compareWith = useAppStore((state) => state.compareWith);
  const set = useAppStore((state) => state.setRaceSettings);
  const shown = usesCustom(settings.strategy, compareWith);
  const scripts = settings.custom;
  const check = useScriptCheck(shown ? scripts : undefined);
  const id = useId();

  useEffect(() => {
    if (shown && !scripts) set({ custom: DEFAULT_CUSTOM });
  }, [shown, scripts, set]);

  if (!shown || !scripts) return null;
  const problem = check && !check.ok ? check : null;
  const editor = (name: ScriptName) => (
    <div className={own.script}>
      <span className={styles.field}>
        {name === 'read' ? 'Read script' : 'Write script'} (Lua)
        <small className={styles.hint}>{HELP[name]}</small>
      </span>
      <ScriptEditor
        value={scripts[name]}
        onChange={(text) => set({ custom: { ...useAppStore.getState().raceSettings.custom!, [name]: text } })}
        label={`${name === 'read' ? 'Read' : 'Write'} script (Lua)`}
        marker={problem?.script === name && problem.line ? { line: problem.line, message: problem.error } : null}
        testId={`script-${name}`}
      />
    </div>
  );

  return (
    <section className={own.panel} aria-label="Your own strategy" data-testid="custom-scripts">
      <div className={own.header}>
        <h2 className={own.title}>Your own strategy</h2>
        <label className={styles.inline}>
          Start from{' '}
          <select
            id={`${id}-template`}
            value=""
            onChange={(e) => {
              if (e.target.value) set({ custom: CUSTOM_TEMPLATES[e.target.value as TemplateId] });
            }}
          >
            <option value="">a built-in…</option>
            {TEMPLATE_IDS.map((template) => (
              <option key={template} value={template}>
                {STRATEGIES[template].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={own.scripts}>
        {editor('read')}
        {editor('write')}
      </div>
      <p className={problem ? styles.error : own.status} role={problem ? 'alert' : 'status'} data-testid="script-check">
        {problem ? problem.error : check ? 'Both scripts compile.' : 'Checking the scripts…'}
      </p>
    </section>
  );
}
