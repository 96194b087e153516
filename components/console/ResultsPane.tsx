'use client';

import { useEffect, useRef } from 'react';
import { useAppStore, type ConsoleEntry } from '@/lib/stores';
import { ResultItem } from './ResultItem';
import styles from './ResultsPane.module.css';

function Entry({ entry }: { entry: ConsoleEntry }) {
  if (entry.kind === 'error') {
    return (
      <li className={styles.requestError} data-testid="request-error">
        {entry.message}
      </li>
    );
  }
  if (entry.results.length === 0) {
    return <li className={styles.note}>Nothing to run: blank lines and comments are skipped.</li>;
  }
  return (
    <li className={styles.run}>
      <ol className={styles.results}>
        {entry.results.map((result, i) => (
          <ResultItem key={i} result={result} />
        ))}
      </ol>
    </li>
  );
}

/** A console-like log of runs, oldest first, that follows the newest output. */
export function ResultsPane() {
  const entries = useAppStore((state) => state.entries);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries]);

  return (
    <section className={styles.pane} aria-labelledby="results-heading">
      <div className={styles.header}>
        <h2 id="results-heading" className={styles.title}>
          Results
        </h2>
        <button type="button" className={styles.clear} disabled={entries.length === 0} onClick={() => useAppStore.getState().clearConsole()}>
          Clear
        </button>
      </div>
      <div className={styles.scroller} ref={scroller} role="log" aria-label="Command results">
        {entries.length === 0 ? (
          <p className={styles.empty}>Run a command to see exactly what redis-cli prints.</p>
        ) : (
          <ol className={styles.entries}>
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
