'use client';

import { useEffect, useRef } from 'react';
import type { LessonView, PredictionOutcome } from '@/lib/lessons/types';
import { InlineText } from './Blocks';
import styles from './LessonPanel.module.css';
import { PredictionBox } from './PredictionBox';

interface StepPassedProps {
  lesson: LessonView;
  /** The 1-based steps the latest run passed, `from` to `to`. */
  from: number;
  to: number;
  /** The step on screen, whose own prediction shows in its place. */
  except: number;
  outcomeOf: (step: number) => PredictionOutcome | undefined;
}

/** Says plainly that a step passed, and why, before the learner reads the next one. */
export function StepPassed({ lesson, from, to, except, outcomeOf }: StepPassedProps) {
  const first = useRef<HTMLDivElement>(null);
  // The lesson column may be scrolled down to the help ladder when the run lands: bring the verdict into view.
  // Braces matter: Chromium's scrollIntoView returns a promise, which React would take for a cleanup function.
  useEffect(() => {
    void first.current?.scrollIntoView({ block: 'nearest' });
  }, [from, to]);
  const numbers = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return numbers.map((n) => {
    const step = lesson.steps[n - 1]!;
    const outcome = outcomeOf(n);
    return (
      <div key={n} ref={n === from ? first : undefined} className={styles.ladder}>
        <p className={styles.passed} data-testid="step-passed" data-step={n}>
          ✓ Step {n} passed: <InlineText text={step.passed} />
        </p>
        {step.prediction && outcome?.answer !== undefined && n !== except && (
          <PredictionBox slug={lesson.slug} step={n} prediction={step.prediction} outcome={outcome} />
        )}
      </div>
    );
  });
}
