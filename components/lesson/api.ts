import type { LessonProgress } from '@/lib/lessons/types';
import { readLessonProgress } from '@/lib/lessons/wire';

export type ProgressOutcome = { ok: true; progress: LessonProgress; deletedKeys?: number } | { ok: false; message: string };

async function call(url: string, init: RequestInit, fetchImpl: typeof fetch): Promise<ProgressOutcome> {
  try {
    const response = await fetchImpl(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(10_000) });
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const progress = readLessonProgress(body?.progress);
    if (response.ok && progress) {
      const deleted = typeof body?.deletedKeys === 'number' ? { deletedKeys: body.deletedKeys } : {};
      return { ok: true, progress, ...deleted };
    }
    const message = typeof body?.error === 'string' ? body.error : `The server could not answer (HTTP ${response.status}).`;
    return { ok: false, message };
  } catch {
    return { ok: false, message: 'Could not reach the Stampede Lab server. Check that it is still running, then try again.' };
  }
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
  return call(
    `/api/lessons/${encodeURIComponent(slug)}/prediction`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ step, choice }) },
    fetchImpl,
  );
}

/** Tells the server the learner opened a step's solution (a teacher's dashboard names who did); best effort. */
export async function postSolutionOpened(slug: string, step: number, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchImpl(`/api/lessons/${encodeURIComponent(slug)}/solution`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ step }),
    cache: 'no-store',
    signal: AbortSignal.timeout(10_000),
  }).catch((error: unknown) => {
    console.warn('Could not note the opened solution for the dashboard', error);
  });
  if (response && !response.ok) console.warn(`Could not note the opened solution for the dashboard (HTTP ${response.status})`);
}
