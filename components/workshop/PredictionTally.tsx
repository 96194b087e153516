'use client';

import { useEffect, useState } from 'react';
import { request, withFields } from '@/lib/api/request';
import type { ClassTally } from '@/lib/lessons/tally';
import styles from './Workshop.module.css';

const POLL_MS = 2_000;

/**
 * Live, per step: how many predicted each answer and how many were right (Peer Instruction: stop
 * and discuss when the class is split), and who opened a solution. Polls its own endpoint, so the
 * dashboard needs only to mount it.
 */
export function PredictionTally({ code }: { code: string }) {
  const [tally, setTally] = useState<ClassTally | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      const outcome = await request(`/api/rooms/${encodeURIComponent(code)}/predictions`, {
        read: withFields<ClassTally>('predictions', 'solutions'),
        what: 'tally the predictions',
      });
      if (stopped) return;
      if (outcome.ok) {
        setTally(outcome.value);
        setError('');
      } else setError(outcome.message);
      timer = setTimeout(poll, POLL_MS);
    }
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [code]);

  return (
    <section data-testid="prediction-tally" aria-label="Predictions">
      <h2 className={styles.heading}>Predictions</h2>
      {error && <p role="alert">{error}</p>}
      {tally && tally.predictions.length === 0 && <p>No one has predicted yet.</p>}
      {tally?.predictions.map((entry) => (
        <div
          key={`${entry.slug}/${entry.step}`}
          data-testid="prediction-tally-step"
          data-slug={entry.slug}
          data-step={entry.step}
          data-right={entry.right}
          data-decided={entry.decided}
        >
          <h3>
            {entry.lessonTitle}, step {entry.step}
          </h3>
          <p>{entry.question.replace(/`/g, '')}</p>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col">Chosen by</th>
              </tr>
            </thead>
            <tbody>
              {entry.choices.map(({ choice, count }) => (
                <tr key={choice} data-choice={choice} data-count={count}>
                  <th scope="row">
                    <code>{choice}</code>
                  </th>
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Run so far by {entry.decided}: {entry.right} predicted right, {entry.decided - entry.right - entry.none} predicted wrong, {entry.none} ran without
            predicting.
          </p>
        </div>
      ))}
      {tally && tally.solutions.length > 0 && (
        <ul aria-label="Solutions opened">
          {tally.solutions.map(({ slug, step, names }) => (
            <li key={`${slug}/${step}`} data-testid="solution-opened" data-slug={slug} data-step={step}>
              Solution of {slug}, step {step}, opened by {names.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
