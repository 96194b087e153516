'use client';

import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '@/lib/stores';
import { formatAgo, keyKind } from './format';
import styles from './KeyEventLog.module.css';
import { foldBursts } from './KeyEventLogFolding';

/** Relative times only need to move once a second; the countdowns carry the precise time. */
const TICK_MS = 1_000;

/** The last key events, newest first, a burst folded into one line: "cache:lock expired · 0.4 s ago", "race:…:cache set ×40". */
export function KeyEventLog() {
  const log = useAppStore((state) => state.keyLog);
  const offset = useAppStore((state) => state.clockOffset);
  const [now, setNow] = useState(() => Date.now());
  const lines = useMemo(() => foldBursts(log), [log]);

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
          {lines.map((entry) => (
            <li key={entry.id} className={styles.entry} data-testid="key-event" data-event={entry.event} data-count={entry.count}>
              <span className={`${styles.key} ${styles[keyKind(entry.key)]}`}>{entry.key}</span> <span className={styles.event}>{entry.event}</span>
              {entry.count > 1 && <span className={styles.count}>×{entry.count.toLocaleString('en')}</span>}
              <span className={styles.ago}>{formatAgo(now + offset - entry.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
