'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { runScript } from '@/components/console/runScript';
import { useAppStore } from '@/lib/stores';
import styles from './EditorPanel.module.css';
import { HistoryMenu } from './HistoryMenu';
import { LightEditor } from './LightEditor';
import { whenLearnerPauses } from './whenLearnerPauses';

// Monaco's chunk is most of the page's bytes and seconds of parsing on a slow CPU; the light
// editor takes the learner's typing until the learner pauses and Monaco has loaded.
const RedisEditor = dynamic(() => import('./RedisEditor'), { ssr: false });

const noSubscription = () => () => undefined;
/** False in the server render and during hydration, true after: the light editor needs the store's script. */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** The editor with its toolbar: Run, the shortcuts, and the run history. */
export function EditorPanel() {
  const running = useAppStore((state) => state.running);
  const hydrated = useHydrated();
  const lightArea = useRef<HTMLTextAreaElement>(null);
  const [monacoReady, setMonacoReady] = useState(false);
  const onMonacoReady = useCallback(() => setMonacoReady(true), []);
  const [loadMonaco, setLoadMonaco] = useState(false);
  useEffect(() => whenLearnerPauses(() => setLoadMonaco(true)), []);
  return (
    <section className={styles.panel} aria-label="Editor">
      <div className={styles.toolbar}>
        <button type="button" className={styles.run} disabled={running} onClick={() => void runScript(useAppStore.getState().script)}>
          Run
        </button>
        <p className={styles.hints}>
          <span>
            <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd> run all
          </span>
          <span>
            <kbd>Shift</kbd> + <kbd>Enter</kbd> run line or selection
          </span>
        </p>
        <span className={styles.status} role="status">
          {running ? 'Running…' : ''}
        </span>
        <HistoryMenu />
      </div>
      <div className={styles.editorArea} data-testid="editor">
        {!hydrated && <div className={styles.loading}>Loading editor…</div>}
        {hydrated && !monacoReady && <LightEditor area={lightArea} />}
        {loadMonaco && <RedisEditor takeOver={lightArea} onReady={onMonacoReady} />}
      </div>
    </section>
  );
}
