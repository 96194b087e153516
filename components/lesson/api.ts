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
