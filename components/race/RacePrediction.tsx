'use client';

import { useId, useState } from 'react';
import type { RaceRun } from '@/lib/stores';
import { formatFigure } from './figures';
import styles from './RacePrediction.module.css';

interface Props {
  question: string;
  /** The lesson's strategy, whose race the prediction is about. */
  strategyLabel: string;
  /** That race, once it has been started. */
  race: RaceRun | undefined;
}

const guess = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/**
 * Predict before you run (a race opened from a lesson): how many regenerations, and how long the
 * slowest client waits. Answering is optional; once the race has started the guesses are fixed, and
 * after it they stand beside what happened.
 */
export function RacePrediction({ question, strategyLabel, race }: Props) {
  const id = useId();
  const [regenerations, setRegenerations] = useState('');
  const [slowest, setSlowest] = useState('');
  const started = race !== undefined;
  const summary = race?.status === 'done' ? race.summary : null;
  const predicted = { regenerations: guess(regenerations), slowest: guess(slowest) };
  const rows = summary && [
    { label: 'Regenerations', guess: predicted.regenerations, actual: summary.regenerations, unit: undefined },
    { label: 'Slowest client’s wait', guess: predicted.slowest, actual: summary.latencyMs.max, unit: 'ms' },
  ];
  return (
    <section
      className={styles.prediction}
      data-testid="race-prediction"
      data-state={summary ? 'answered' : started ? 'racing' : 'asking'}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className={styles.title}>
        {summary ? 'Your prediction and the race' : 'Predict, then run'}
      </h2>
      <p className={styles.question}>{question}</p>
      <div className={styles.fields}>
        <label>
          Regenerations ({strategyLabel})
          <input type="number" min={0} value={regenerations} onChange={(e) => setRegenerations(e.target.value)} disabled={started} />
        </label>
        <label>
          Slowest client’s wait (ms)
          <input type="number" min={0} value={slowest} onChange={(e) => setSlowest(e.target.value)} disabled={started} />
        </label>
      </div>
      {!started && <p className={styles.note}>Optional: Run race works without a prediction.</p>}
      {rows && (
        <table className={styles.outcome} data-testid="race-prediction-outcome">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">You predicted</th>
              <th scope="col">{strategyLabel} did</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.guess === null ? 'no prediction' : formatFigure(row.guess, row.unit)}</td>
                <td>{formatFigure(row.actual, row.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary && predicted.regenerations === null && predicted.slowest === null && <p className={styles.note}>You ran it without a prediction.</p>}
    </section>
  );
}
