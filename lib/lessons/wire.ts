import type { LessonProgress, PredictionOutcome } from './types';
import { isRecord } from '@/lib/api/request';

function readOutcome(value: unknown): PredictionOutcome[] {
  if (!isRecord(value) || typeof value.step !== 'number' || (value.choice !== null && typeof value.choice !== 'string')) return [];
  const answer = typeof value.answer === 'string' ? { answer: value.answer } : {};
  return [{ step: value.step, choice: value.choice, ...answer }];
}

/** Reads a progress object from an API answer, or undefined when it is not one. */
export function readLessonProgress(value: unknown): LessonProgress | undefined {
  if (!isRecord(value) || typeof value.slug !== 'string' || typeof value.completed !== 'number' || typeof value.total !== 'number') return undefined;
  const hint = typeof value.hint === 'string' ? { hint: value.hint } : {};
  const predictions = Array.isArray(value.predictions) ? { predictions: value.predictions.flatMap(readOutcome) } : {};
  return { slug: value.slug, completed: value.completed, total: value.total, ...hint, ...predictions };
}
