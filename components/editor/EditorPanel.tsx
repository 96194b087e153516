'use client';

import dynamic from 'next/dynamic';
import { runScript } from '@/components/console/runScript';
import { useAppStore } from '@/lib/stores';
import styles from './EditorPanel.module.css';
import { HistoryMenu } from './HistoryMenu';

const RedisEditor = dynamic(() => import('./RedisEditor'), {
  ssr: false,
  loading: () => <div className={styles.loading}>Loading editor…</div>,
});

/** The editor with its toolbar: Run, the shortcuts, and the run history. */
export function EditorPanel() {
  const running = useAppStore((state) => state.running);
  return (
    <section className={styles.panel} aria-label="Editor">
      <div className={styles.toolbar}>
        <button
          type="button"
          className={styles.run}
          disabled={running}
          onClick={() => void runScript(useAppStore.getState().script)}
        >
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
      <div className={styles.editorArea}>
        <RedisEditor />
      </div>
    </section>
  );
}
