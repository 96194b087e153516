'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { LessonView } from '@/lib/lessons/types';
import { useAppStore } from '@/lib/stores';
import { Blocks, InlineText } from './Blocks';
import styles from './LessonPanel.module.css';
import { ResetButton } from './ResetButton';
import { useHighlightedKeys, useLessonProgress } from './useLessonProgress';

export interface LessonPanelProps {
  lesson: LessonView;
  /** 1-based step from the URL; without it the panel follows the first step not done yet. */
  initialStep?: number;
  next?: { slug: string; title: string };
}

const stepPath = (slug: string, n: number) => `/lessons/${slug}/${n}`;

/** The open lesson: progress, one step at a time, its hints, and a reset. */
export function LessonPanel({ lesson, initialStep, next }: LessonPanelProps) {
  const progress = useLessonProgress(lesson.slug);
  const total = lesson.steps.length;
  const completed = progress?.completed ?? 0;
  const [chosen, setChosen] = useState<number | null>(initialStep ?? null);
  const [seenCompleted, setSeenCompleted] = useState(completed);
  // When the step on screen gets done, move on with the lesson instead of staying on a finished step.
  if (completed !== seenCompleted) {
    setSeenCompleted(completed);
    if (chosen !== null && chosen > seenCompleted && chosen <= completed) setChosen(null);
  }
  const shown = chosen ?? Math.min(completed + 1, total);
  const step = lesson.steps[shown - 1]!;
  useHighlightedKeys(step.keys);

  useEffect(() => {
    // Keep a step URL in step with the lesson, without a navigation that would reload the editor.
    if (/^\/lessons\/[^/]+\/\d+$/.test(window.location.pathname) && window.location.pathname !== stepPath(lesson.slug, shown)) {
      window.history.replaceState(null, '', stepPath(lesson.slug, shown));
    }
  }, [lesson.slug, shown]);

  const goTo = (n: number) => {
    setChosen(n);
    window.history.pushState(null, '', stepPath(lesson.slug, n));
  };
  const isCurrent = shown === completed + 1;
  const hint = isCurrent ? progress?.hint : undefined;

  return (
    <div className={styles.panel}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>
          <Link href="/lessons">All lessons</Link>
          <span aria-hidden="true"> · </span>
          {lesson.track === 'basics' ? 'Basics' : 'Advanced'}
        </p>
        <h2 className={styles.title}>{lesson.title}</h2>
        <div className={styles.progressRow}>
          <div className={styles.bar} aria-hidden="true">
            <div className={styles.barFill} style={{ width: `${(completed / total) * 100}%` }} />
          </div>
          <span className={styles.count} data-testid="lesson-progress" aria-label={`${completed} of ${total} steps done`}>
            {completed} / {total}
          </span>
        </div>
      </header>

      <nav aria-label="Steps">
        <ol className={styles.steps}>
          {lesson.steps.map((s, i) => (
            <li key={i}>
              <button
                type="button"
                className={`${styles.stepDot} ${i < completed ? styles.stepDone : ''}`}
                aria-current={shown === i + 1 ? 'step' : undefined}
                aria-label={`Step ${i + 1}: ${s.title}${i < completed ? ' (done)' : ''}`}
                onClick={() => goTo(i + 1)}
              >
                {i < completed ? '✓' : i + 1}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      <section className={styles.step} aria-labelledby="lesson-step-title">
        <h3 id="lesson-step-title" className={styles.stepTitle}>
          <span className={styles.stepNumber}>Step {shown}</span> {step.title}
          {shown <= completed && <span className={styles.doneBadge}>Done</span>}
        </h3>
        {/* Right under the title: after a run this is the first thing to read. */}
        <p role="status" data-testid="lesson-hint" className={hint ? styles.liveHint : styles.liveHintEmpty}>
          {hint && <InlineText text={hint} />}
        </p>
        <Blocks blocks={step.body} />
        <details className={styles.disclosure}>
          <summary>Hint</summary>
          <p className={styles.plain}>
            <InlineText text={step.hint} />
          </p>
        </details>
        <details className={styles.disclosure}>
          <summary>Solution</summary>
          <pre className={styles.code}>{step.solution}</pre>
          <button type="button" className={styles.secondary} onClick={() => useAppStore.getState().loadScript(step.solution)}>
            Insert solution
          </button>
        </details>
      </section>

      <footer className={styles.footer}>
        {completed === total && (
          <p className={styles.complete}>
            Lesson complete.{' '}
            {next && (
              <>
                Next: <Link href={`/lessons/${next.slug}`}>{next.title}</Link>
              </>
            )}
          </p>
        )}
        <div className={styles.pager}>
          <button type="button" className={styles.secondary} disabled={shown === 1} onClick={() => goTo(shown - 1)}>
            Previous
          </button>
          <button type="button" className={styles.secondary} disabled={shown === total} onClick={() => goTo(shown + 1)}>
            Next step
          </button>
        </div>
        <ResetButton slug={lesson.slug} onReset={() => setChosen(null)} />
      </footer>
    </div>
  );
}
