import type { LessonProgress } from '@/lib/lessons/types';
import { readLessonProgress } from '@/lib/lessons/wire';
import { isRecord, request } from '@/lib/api/request';
import type { CommandResult, Health } from '@/lib/stores';

export type CommandsOutcome = { ok: true; results: CommandResult[]; lesson?: LessonProgress } | { ok: false; message: string; status?: number };

function isCommandResult(value: unknown): value is CommandResult {
  return (
    isRecord(value) &&
    typeof value.line === 'number' &&
    typeof value.command === 'string' &&
    typeof value.ok === 'boolean' &&
    typeof value.text === 'string' &&
    typeof value.ms === 'number'
  );
}

/** The answer to `POST /api/commands`; undefined for results this page cannot read. Unreadable lesson progress is left out. */
export function readCommandsAnswer(body: unknown): { results: CommandResult[]; lesson?: LessonProgress } | undefined {
  const results = isRecord(body) ? body.results : undefined;
  if (!Array.isArray(results) || !results.every(isCommandResult)) return undefined;
  const lesson = isRecord(body) ? readLessonProgress(body.lesson) : undefined;
  return { results, ...(lesson && { lesson }) };
}

/** Runs a script; with `lesson`, the answer also carries that lesson's progress after the run. */
export async function postCommands(script: string, fetchImpl: typeof fetch = fetch, lesson?: string): Promise<CommandsOutcome> {
  const outcome = await request('/api/commands', {
    method: 'POST',
    body: lesson ? { script, lesson } : { script },
    read: readCommandsAnswer,
    // A run is bounded on the server (2 s of Redis time), but it may wait its turn behind the session's others.
    timeoutMs: 30_000,
    what: 'run the commands',
    fetchImpl,
  });
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}

/** Reads `GET /api/health`, which answers 503 with `{"redis":"down"}` when Redis is down. */
export function parseHealthResponse(status: number, body: unknown): Health {
  const redis = isRecord(body) ? body.redis : undefined;
  const version = isRecord(body) && typeof body.version === 'string' ? { version: body.version } : {};
  if (status >= 200 && status < 300 && redis === 'up') return { redis: 'up', ...version };
  if (status === 503 || redis === 'down') return { redis: 'down', ...version };
  // Anything else means the app server itself is broken, which is not Redis's fault.
  return { redis: 'unreachable' };
}

export async function getHealth(fetchImpl: typeof fetch = fetch): Promise<Health> {
  try {
    const response = await fetchImpl('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(5_000) });
    return parseHealthResponse(response.status, await response.json().catch(() => undefined));
  } catch {
    return { redis: 'unreachable' };
  }
}
