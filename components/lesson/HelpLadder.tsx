'use client';

import { useState } from 'react';
import { partialAnswer } from '@/lib/lessons/editorStart';
import type { StepView } from '@/lib/lessons/types';
import { useAppStore } from '@/lib/stores';
import { postSolutionOpened } from './api';
import { InlineText } from './Blocks';
import styles from './LessonPanel.module.css';

const RUNGS = ['Show a hint', 'Show part of the answer', 'Show the solution'] as const;

/**
 * Help one rung at a time: a hint, then the commands with their arguments left out, then the
 * solution. Mount it with the step as its key, so a new step starts at the bottom of the ladder.
 */
export function HelpLadder({ slug, n, step }: { slug: string; n: number; step: StepView }) {
  const [level, setLevel] = useState(0);
  const climb = () => {
    setLevel(level + 1);
    if (level + 1 === RUNGS.length) void postSolutionOpened(slug, n);
  };
  return (
    <div className={styles.ladder} data-testid="help-ladder" data-level={level}>
      {level >= 1 && (
        <p className={styles.plain}>
          <strong>Hint: </strong>
          <InlineText text={step.hint} />
        </p>
      )}
      {level >= 2 && (
        <div>
          <strong>Part of the answer</strong> (complete the <code>…</code>):
          <pre className={styles.code}>{partialAnswer(step.solution)}</pre>
        </div>
      )}
      {level >= 3 && (
        <div>
          <strong>Solution</strong>
          <pre className={styles.code}>{step.solution}</pre>
          <button type="button" className={styles.secondary} onClick={() => useAppStore.getState().loadScript(step.solution)}>
            Insert solution
          </button>
        </div>
      )}
      {level < RUNGS.length && (
        <button type="button" className={styles.secondary} onClick={climb}>
          {RUNGS[level]}
        </button>
      )}
    </div>
  );
}
