import type { LessonProgress } from './types';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Reads a progress object from an API answer, or undefined when it is not one. */
export function readLessonProgress(value: unknown): LessonProgress | undefined {
  if (!isRecord(value) || typeof value.slug !== 'string' || typeof value.completed !== 'number' || typeof value.total !== 'number') return undefined;
  const hint = typeof value.hint === 'string' ? { hint: value.hint } : {};
  return { slug: value.slug, completed: value.completed, total: value.total, ...hint };
}
