'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { isRecord, request, withFields } from '@/lib/api/request';
import styles from './RoomLessonForm.module.css';

interface LineError {
  line: number;
  message: string;
}

type Added = { lesson: { slug: string; title: string; steps: number }; replaced: boolean };

/**
 * The teacher pastes (or uploads) a Markdown lesson for this workshop. The server checks it with the
 * parser LESSONS_DIR uses and answers each problem with its line; a good lesson joins the room's list.
 */
export function RoomLessonForm({ code, onMessage }: { code: string; onMessage(message: string): void }) {
  const router = useRouter();
  const [source, setSource] = useState('');
  const [errors, setErrors] = useState<LineError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = await request(`/api/rooms/${encodeURIComponent(code)}/lessons`, {
      method: 'POST',
      body: { markdown: source },
      read: withFields<Added>('lesson'),
      what: 'add the lesson',
    });
    setBusy(false);
    if (outcome.ok) {
      setErrors([]);
      onMessage(
        `${outcome.value.replaced ? 'Replaced' : 'Added'} "${outcome.value.lesson.title}" (${outcome.value.lesson.steps} steps) for this workshop's participants.`,
      );
      // The push list is rendered on the server: it now includes the new lesson.
      router.refresh();
      return;
    }
    // A 422 lists the lesson's problems by line.
    const problems = isRecord(outcome.body) && Array.isArray(outcome.body.errors) ? (outcome.body.errors as LineError[]) : [];
    setErrors(problems);
    onMessage(problems.length ? 'The lesson has problems; nothing was added.' : outcome.message);
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Add a lesson to this workshop">
      <h2>Add a lesson of your own</h2>
      <p>
        Paste a Markdown lesson (the format is in the README) or choose a .md file. Only this workshop&apos;s participants see it, while the workshop lasts.
      </p>
      <textarea className={styles.source} aria-label="Lesson Markdown" value={source} onChange={(e) => setSource(e.target.value)} spellCheck={false} />
      <div className={styles.row}>
        <label>
          Or upload <input type="file" accept=".md,text/markdown,text/plain" onChange={(e) => void e.target.files?.[0]?.text().then(setSource)} />
        </label>
        <button type="submit" disabled={busy || !source.trim()}>
          Add lesson
        </button>
      </div>
      {errors.length > 0 && (
        <ul className={styles.errors} data-testid="lesson-errors">
          {errors.map((error, i) => (
            <li key={i}>
              line {error.line}: {error.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
