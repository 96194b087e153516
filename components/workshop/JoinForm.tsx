'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { MAX_NAME_LENGTH } from '@/lib/workshop/displayName';
import { joinWorkshop, pushedPath } from './api';
import styles from './Workshop.module.css';

/** A participant joins with the room's code and the name the room will see; no account needed. */
export function JoinForm({ code: fixedCode }: { code?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(fixedCode ?? '');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = await joinWorkshop(code, name);
    setBusy(false);
    if (!outcome.ok) return setError(outcome.message);
    router.push(outcome.value.pushed ? pushedPath(outcome.value.pushed) : '/lessons');
  }

  return (
    <form className={styles.card} onSubmit={submit} aria-label="Join a workshop">
      <h2>Join a workshop</h2>
      {fixedCode ? (
        <p>
          Workshop <strong className={styles.code}>{fixedCode}</strong>
        </p>
      ) : (
        <label>
          Join code
          <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="ABC234" autoComplete="off" required />
        </label>
      )}
      <label>
        Your name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={MAX_NAME_LENGTH} placeholder="Ada" required autoFocus={Boolean(fixedCode)} />
      </label>
      <button type="submit" disabled={busy}>
        Join
      </button>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </form>
  );
}
