'use client';

import { useEffect, useState } from 'react';
import type { ParticipantView } from '@/lib/workshop/types';
import styles from './Workshop.module.css';

function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function stepText(p: ParticipantView): string {
  if (p.step === undefined || p.steps === undefined) return '—';
  return p.step > p.steps ? 'finished' : `${p.step} / ${p.steps}`;
}

interface Props {
  participants: ParticipantView[];
  /** Redis's clock at `receivedAt` (this browser's clock). */
  now: number;
  receivedAt: number;
  onReset(participant: ParticipantView): void;
  onRemove(participant: ParticipantView): void;
}

/** Everyone in the room; names and errors are whatever people typed, so they render as text. */
export function ParticipantTable({ participants, now, receivedAt, onReset, onRemove }: Props) {
  const [clock, setClock] = useState(receivedAt);
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const redisNow = now + Math.max(0, clock - receivedAt);

  if (!participants.length) return <p className={styles.empty}>Nobody has joined yet. Share the code or the join link.</p>;
  return (
    <table className={styles.table} data-testid="participants">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Lesson</th>
          <th scope="col">Step</th>
          <th scope="col">On step</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {participants.map((p) => (
          <tr key={p.id} data-testid="participant" data-stuck={p.stuck || undefined}>
            <th scope="row">
              {p.name}
              {p.stuck && <span className={styles.stuck}>stuck</span>}
            </th>
            <td>{p.lessonTitle ?? '—'}</td>
            <td data-testid="participant-step">{stepText(p)}</td>
            <td>{p.stepSince ? duration(redisNow - p.stepSince) : '—'}</td>
            <td>{p.attempts}</td>
            <td className={styles.lastError}>{p.lastError ?? ''}</td>
            <td>
              <button type="button" onClick={() => onReset(p)}>
                Reset
              </button>
              <button type="button" onClick={() => onRemove(p)} data-testid="remove-participant" aria-label={`Remove ${p.name}`}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
