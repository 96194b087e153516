'use client';

import { useSyncExternalStore } from 'react';
import styles from './Workshop.module.css';

/** The page's origin never changes while it is open. */
const noChanges = () => () => undefined;

/** The code to write on the board, the link to share, and the teacher link to keep. */
export function RoomLinks({ code, teacherKey }: { code: string; teacherKey?: string }) {
  const origin = useSyncExternalStore(
    noChanges,
    () => window.location.origin,
    () => '',
  );
  return (
    <section className={styles.links} aria-label="How to join">
      <div>
        <span className={styles.label}>Join code</span>
        <strong className={styles.bigCode} data-testid="join-code">
          {code}
        </strong>
      </div>
      <div>
        <span className={styles.label}>Join link</span>
        <code data-testid="join-link">{`${origin}/join/${code}`}</code>
      </div>
      {teacherKey && (
        <div>
          <span className={styles.label}>Teacher link (keep it to yourself: it opens this dashboard anywhere)</span>
          <code>{`${origin}/teach/${code}#key=${teacherKey}`}</code>
        </div>
      )}
    </section>
  );
}
