'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { openWorkshop } from './api';
import styles from './Workshop.module.css';

/** A teacher opens a room and lands on its dashboard, holding the secret teacher link. */
export function OpenWorkshop() {
  const router = useRouter();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function open() {
    setBusy(true);
    const outcome = await openWorkshop();
    setBusy(false);
    if (!outcome.ok) return setError(outcome.message);
    router.push(outcome.value.teacherPath);
  }

  return (
    <section className={styles.card} aria-label="Teach a workshop">
      <h2>Teach a workshop</h2>
      <p>Open a room for your class. You get a short code to write on the board, and a dashboard that shows everyone&apos;s progress live.</p>
      <button type="button" onClick={open} disabled={busy}>
        Open a workshop
      </button>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </section>
  );
}
