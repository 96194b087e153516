'use client';

import { useId, useState } from 'react';
import { explanationFor, isCorrect } from '@/lib/lessons/predictions';
import type { Prediction, PredictionOutcome } from '@/lib/lessons/types';
import { useAppStore } from '@/lib/stores';
import { postPrediction } from './api';
import { InlineText } from './Blocks';
import styles from './Prediction.module.css';

interface PredictionBoxProps {
  slug: string;
  step: number;
  prediction: Prediction;
  outcome?: PredictionOutcome;
}

/** Before the run: what will Redis answer? After it: the prediction beside the answer, and why. */
export function PredictionBox({ slug, step, prediction, outcome }: PredictionBoxProps) {
  if (outcome?.answer !== undefined) return <PredictionOutcomeView prediction={prediction} outcome={outcome} answer={outcome.answer} />;
  return <PredictionQuestion slug={slug} step={step} prediction={prediction} saved={outcome?.choice ?? null} />;
}

function PredictionQuestion({ slug, step, prediction, saved }: { slug: string; step: number; prediction: Prediction; saved: string | null }) {
  const name = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const choose = async (choice: string) => {
    setPicked(choice);
    setMessage('Saving…');
    const asked = useAppStore.getState().askProgress();
    const result = await postPrediction(slug, step, choice);
    if (!result.ok) return setMessage(result.message);
    // Keep the advice of the latest run: choosing an answer is not a run.
    const hint = useAppStore.getState().lessonProgress?.hint;
    useAppStore.getState().setLessonProgress({ ...result.progress, hint }, asked);
    setMessage(`Prediction kept: ${choice}. Now run the step and compare.`);
  };
  const checked = picked ?? saved;
  return (
    <fieldset className={styles.box} data-testid="prediction">
      <legend className={styles.question}>
        Predict before you run: <InlineText text={prediction.question} />
      </legend>
      <div className={styles.choices}>
        {prediction.choices.map((choice) => (
          <label key={choice} className={styles.choice}>
            <input type="radio" name={name} value={choice} checked={checked === choice} onChange={() => void choose(choice)} />
            {choice}
          </label>
        ))}
      </div>
      <p className={styles.saved} role="status" data-testid="prediction-status">
        {message || (saved ? `Prediction kept: ${saved}.` : 'Optional: you can also run without predicting.')}
      </p>
    </fieldset>
  );
}

function PredictionOutcomeView({ prediction, outcome, answer }: { prediction: Prediction; outcome: PredictionOutcome; answer: string }) {
  const correct = isCorrect(outcome);
  const verdict = outcome.choice === null ? 'You ran it without a prediction.' : correct ? '✓ Your prediction was right.' : '✗ Redis answered something else.';
  return (
    <div className={styles.outcome} data-testid="prediction-outcome" data-correct={String(correct)}>
      <p className={styles.verdict}>{verdict}</p>
      <dl className={styles.pair}>
        <dt>You predicted</dt>
        <dd>{outcome.choice ?? 'no prediction'}</dd>
        <dt>Redis answered</dt>
        <dd>{answer}</dd>
      </dl>
      <p className={styles.line}>
        <InlineText text={explanationFor(prediction, answer)} />
      </p>
    </div>
  );
}
