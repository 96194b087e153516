'use client';

import { useEffect, useState } from 'react';
import { useAppStore } from '@/lib/stores';
import { formatAgo, keyKind } from './format';
import styles from './KeyEventLog.module.css';

/** Relative times only need to move once a second; the countdowns carry the precise time. */
const TICK_MS = 1_000;

/** The last key events, newest first: "cache:lock expired · 0.4 s ago". */
export function KeyEventLog() {
  const log = useAppStore((state) => state.keyLog);
  const offset = useAppStore((state) => state.clockOffset);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // Between ticks a new event can look younger than `now`: each event resets the offset, so its age
  // comes out negative and formatAgo shows it as "0.0 s ago".

  return (
    <section className={styles.log} aria-labelledby="key-log-heading">
      <h2 id="key-log-heading" className={styles.title}>
        Key events
      </h2>
      {log.length === 0 ? (
        <p className={styles.empty}>Changes to your keys show up here as they happen.</p>
      ) : (
        <ol className={styles.entries} data-testid="key-log">
          {log.toReversed().map((entry) => (
            <li key={entry.id} className={styles.entry} data-testid="key-event" data-event={entry.event}>
              <span className={`${styles.key} ${styles[keyKind(entry.key)]}`}>{entry.key}</span>{' '}
              <span className={styles.event}>{entry.event}</span>
              <span className={styles.ago}>{formatAgo(now + offset - entry.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
