import type { LessonProgress } from '@/lib/lessons/types';
import { isRecord, request } from '@/lib/api/request';
import { readLessonProgress } from '@/lib/lessons/wire';

export type ProgressOutcome = { ok: true; progress: LessonProgress; deletedKeys?: number } | { ok: false; message: string };

/** The progress an answer carries (and the keys a reset deleted), or undefined for an answer this page cannot read. */
function readProgress(body: unknown): { progress: LessonProgress; deletedKeys?: number } | undefined {
  if (!isRecord(body)) return undefined;
  const progress = readLessonProgress(body.progress);
  if (!progress) return undefined;
  return typeof body.deletedKeys === 'number' ? { progress, deletedKeys: body.deletedKeys } : { progress };
}

async function call(url: string, init: { method?: 'POST'; body?: unknown }, fetchImpl: typeof fetch): Promise<ProgressOutcome> {
  const outcome = await request(url, { ...init, read: readProgress, fetchImpl });
  return outcome.ok ? { ok: true, ...outcome.value } : { ok: false, message: outcome.message };
}

/** This session's progress in a lesson, checked against its keys right now. */
export function fetchLessonProgress(slug: string, fetchImpl: typeof fetch = fetch): Promise<ProgressOutcome> {
  return call(`/api/lessons/${encodeURIComponent(slug)}`, {}, fetchImpl);
}

/** Deletes all of this session's keys and the lesson's progress. */
export function postLessonReset(slug: string, fetchImpl: typeof fetch = fetch): Promise<ProgressOutcome> {
  return call(`/api/lessons/${encodeURIComponent(slug)}/reset`, { method: 'POST' }, fetchImpl);
}

/** Keeps this learner's prediction for a step; refused (409) once the step's command has run. */
export function postPrediction(slug: string, step: number, choice: string, fetchImpl: typeof fetch = fetch): Promise<ProgressOutcome> {
  return call(`/api/lessons/${encodeURIComponent(slug)}/prediction`, { method: 'POST', body: { step, choice } }, fetchImpl);
}

/** Tells the server the learner opened a step's solution (a teacher's dashboard names who did); best effort. */
export async function postSolutionOpened(slug: string, step: number, fetchImpl: typeof fetch = fetch): Promise<void> {
  const outcome = await request(`/api/lessons/${encodeURIComponent(slug)}/solution`, { method: 'POST', body: { step }, read: (body) => body, fetchImpl });
  if (!outcome.ok) console.warn(`Could not note the opened solution for the dashboard: ${outcome.message}`);
}
