'use client';

import { useState } from 'react';
import styles from './SaveAsStep.module.css';

/**
 * "Save as a step": asks the server for a draft Markdown step made from this session's keys (names,
 * values, TTL ranges) and last commands, and shows it ready to copy into a lesson file.
 */
export function SaveAsStep() {
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  async function save() {
    try {
      const response = await fetch('/api/step-draft', { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
      const body = (await response.json().catch(() => ({}))) as { draft?: string | null; reason?: string; error?: string };
      setDraft(body.draft ?? null);
      setMessage(body.draft ? 'Copy this into a lesson file, then name the step and say what it asks.' : (body.reason ?? body.error ?? `The server could not answer (HTTP ${response.status}).`));
    } catch {
      setMessage('Could not reach the Stampede Lab server. Check that it is still running, then try again.');
    }
  }

  async function copy() {
    if (!draft) return;
    await navigator.clipboard.writeText(draft).then(
      () => setMessage('Copied.'),
      () => setMessage('The browser did not allow copying: select the text and copy it yourself.'),
    );
  }

  return (
    <section className={styles.box} aria-label="Save as a step">
      <div className={styles.row}>
        <button type="button" onClick={() => void save()}>
          Save as a step
        </button>
        {draft && (
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        )}
        <span role="status">{message}</span>
      </div>
      {draft && <textarea className={styles.draft} data-testid="step-draft" aria-label="Draft step" readOnly value={draft} rows={Math.min(draft.split('\n').length, 18)} />}
    </section>
  );
}
