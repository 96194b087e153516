'use client';

import { useState } from 'react';
import { isRecord, request } from '@/lib/api/request';
import styles from './SaveAsStep.module.css';

const readDraft = (body: unknown): { draft: string | null; reason: string } | undefined => {
  if (!isRecord(body) || (typeof body.draft !== 'string' && body.draft !== null)) return undefined;
  return { draft: body.draft, reason: typeof body.reason === 'string' ? body.reason : '' };
};

/**
 * "Save as a step": asks the server for a draft Markdown step made from this session's keys (names,
 * values, TTL ranges) and last commands, and shows it ready to copy into a lesson file.
 */
export function SaveAsStep() {
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  async function save() {
    const outcome = await request('/api/step-draft', { read: readDraft, what: 'draft a step' });
    if (!outcome.ok) return setMessage(outcome.message);
    setDraft(outcome.value.draft);
    setMessage(outcome.value.draft ? 'Copy this into a lesson file, then name the step and say what it asks.' : outcome.value.reason);
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
      {draft && (
        <textarea
          className={styles.draft}
          data-testid="step-draft"
          aria-label="Draft step"
          readOnly
          value={draft}
          rows={Math.min(draft.split('\n').length, 18)}
        />
      )}
    </section>
  );
}
