'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { LessonProgress, LessonView } from '@/lib/lessons/types';
import { goalComment } from '@/lib/lessons/editorStart';
import { Blocks, InlineText } from './Blocks';
import { GoalState } from './GoalState';
import { HelpLadder } from './HelpLadder';
import styles from './LessonPanel.module.css';
import { PredictionBox } from './PredictionBox';
import { ResetButton } from './ResetButton';
import { StepPassed } from './StepPassed';
import { useEditorGoal, useHighlightedKeys, useLessonProgress } from './useLessonProgress';

export interface LessonPanelProps {
  lesson: LessonView;
  /** 1-based step from the URL; without it the panel follows the first step not done yet. */
  initialStep?: number;
  next?: { slug: string; title: string };
}

const TRACK_LABELS: Record<LessonView['track'], string> = { basics: 'Basics', advanced: 'Advanced', custom: 'Your teacher’s lessons' };

const stepPath = (slug: string, n: number) => `/lessons/${slug}/${n}`;

/** The open lesson: progress, one step at a time, its hints, and a reset. */
export function LessonPanel({ lesson, initialStep, next }: LessonPanelProps) {
  const progress = useLessonProgress(lesson.slug);
  const total = lesson.steps.length;
  const completed = progress?.completed ?? 0;
  const [chosen, setChosen] = useState<number | null>(initialStep ?? null);
  // Null until this page has the session's progress: what a page load finds was not passed just now.
  const [seen, setSeen] = useState<number | null>(progress ? completed : null);
  // Steps a run just passed, told on the step that follows until the next answer from the server.
  const [passedRun, setPassedRun] = useState<{ from: number; to: number; with: LessonProgress } | null>(null);
  const justPassed = passedRun && passedRun.with === progress ? passedRun : null;
  if (progress && completed !== seen) {
    setSeen(completed);
    if (seen !== null) {
      setPassedRun(completed > seen ? { from: seen + 1, to: completed, with: progress } : null);
      // When the step on screen gets done, move on with the lesson instead of staying on a finished step.
      if (chosen !== null && chosen > seen && chosen <= completed) setChosen(null);
    }
  }
  const shown = chosen ?? Math.min(completed + 1, total);
  const step = lesson.steps[shown - 1]!;
  useHighlightedKeys(step.keys);
  useEditorGoal(goalComment(step, shown, total));
  const outcomeOf = (n: number) => progress?.predictions?.find((p) => p.step === n);

  useEffect(() => {
    // Keep a step URL in step with the lesson, without a navigation that would reload the editor.
    if (/^\/lessons\/[^/]+\/\d+$/.test(window.location.pathname) && window.location.pathname !== stepPath(lesson.slug, shown)) {
      window.history.replaceState(null, '', stepPath(lesson.slug, shown));
    }
  }, [lesson.slug, shown]);

  const goTo = (n: number) => {
    setChosen(n);
    setPassedRun(null);
    window.history.pushState(null, '', stepPath(lesson.slug, n));
  };
  const isCurrent = shown === completed + 1;
  // Advice for a step the learner has not tried yet would hand them its command: it waits for a run on it.
  const hint = isCurrent && !justPassed ? progress?.hint : undefined;

  return (
    <div className={styles.panel}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>
          <Link href="/lessons">All lessons</Link>
          <span aria-hidden="true"> · </span>
          {TRACK_LABELS[lesson.track]}
        </p>
        <h2 className={styles.title}>{lesson.title}</h2>
        <div className={styles.progressRow}>
          <div className={styles.bar} aria-hidden="true">
            <div className={styles.barFill} style={{ width: `${(completed / total) * 100}%` }} />
          </div>
          {/* Until the server has answered, the page does not know the progress: a 0 there would be a made-up loss. */}
          <span className={styles.count} data-testid="lesson-progress" aria-label={progress ? `${completed} of ${total} steps done` : 'Loading your progress'}>
            {progress ? completed : '–'} / {total}
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
        {justPassed && shown === Math.min(justPassed.to + 1, total) && (
          <StepPassed lesson={lesson} from={justPassed.from} to={justPassed.to} except={shown} outcomeOf={outcomeOf} />
        )}
        <h3 id="lesson-step-title" className={styles.stepTitle}>
          <span className={styles.stepNumber}>Step {shown}</span> {step.title}
          {shown <= completed && <span className={styles.doneBadge}>Done</span>}
        </h3>
        {/* Right under the title: after a run this is the first thing to read. */}
        <p role="status" data-testid="lesson-hint" className={hint ? styles.liveHint : styles.liveHintEmpty}>
          {hint && <InlineText text={hint} />}
        </p>
        <Blocks blocks={step.body} />
        {step.target && <GoalState step={shown} target={step.target} />}
        {step.prediction && (outcomeOf(shown)?.answer !== undefined || isCurrent) && (
          <PredictionBox slug={lesson.slug} step={shown} prediction={step.prediction} outcome={outcomeOf(shown)} />
        )}
        {shown === total && (
          <p className={styles.bridge}>
            <InlineText text={lesson.raceInvite} />{' '}
            <Link data-testid="race-bridge" href={`/race?from=${encodeURIComponent(lesson.slug)}`}>
              Race it →
            </Link>
          </p>
        )}
        <HelpLadder key={`${lesson.slug}/${shown}`} slug={lesson.slug} n={shown} step={step} />
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
