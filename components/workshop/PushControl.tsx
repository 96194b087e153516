'use client';

import { useState } from 'react';
import type { LessonSummary } from '@/lib/lessons/types';
import { pushLesson } from './api';
import styles from './Workshop.module.css';

/** Sends the whole room to a lesson, or to one step of it. */
export function PushControl({ code, lessons, onMessage }: { code: string; lessons: LessonSummary[]; onMessage(message: string): void }) {
  const [slug, setSlug] = useState(lessons[0]?.slug ?? '');
  const [step, setStep] = useState(0);
  const lesson = lessons.find((l) => l.slug === slug);

  async function push() {
    const outcome = await pushLesson(code, { lesson: slug, ...(step > 0 && { step }) });
    onMessage(outcome.ok ? `Sent everyone to "${lesson?.title}"${step ? `, step ${step}` : ''}.` : outcome.message);
  }

  return (
    <fieldset className={styles.controls}>
      <legend>Send everyone to</legend>
      <select aria-label="Lesson" value={slug} onChange={(e) => (setSlug(e.target.value), setStep(0))}>
        {lessons.map((l) => (
          <option key={l.slug} value={l.slug}>
            {l.title}
          </option>
        ))}
      </select>
      <select aria-label="Step" value={step} onChange={(e) => setStep(Number(e.target.value))}>
        <option value={0}>its first open step</option>
        {Array.from({ length: lesson?.steps ?? 0 }, (_, i) => (
          <option key={i + 1} value={i + 1}>
            step {i + 1}
          </option>
        ))}
      </select>
      <button type="button" onClick={push}>
        Push to everyone
      </button>
    </fieldset>
  );
}
