import type { LessonProgress } from '@/lib/lessons/types';
import { readLessonProgress } from '@/lib/lessons/wire';
import type { CommandResult, Health } from '@/lib/stores';

export type CommandsOutcome =
  | { ok: true; results: CommandResult[]; lesson?: LessonProgress }
  | { ok: false; message: string; status?: number };

const REQUEST_TIMEOUT_MS = 30_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

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

/** Turns the HTTP answer to `POST /api/commands` into results or one sentence for the learner. */
export function parseCommandsResponse(status: number, body: unknown): CommandsOutcome {
  if (status >= 200 && status < 300) {
    const results = isRecord(body) ? body.results : undefined;
    if (Array.isArray(results) && results.every(isCommandResult)) {
      const lesson = isRecord(body) ? readLessonProgress(body.lesson) : undefined;
      return { ok: true, results, ...(lesson && { lesson }) };
    }
    return { ok: false, status, message: 'The server sent results this page cannot read. Try reloading the page.' };
  }
  if (isRecord(body) && typeof body.error === 'string' && body.error.trim() !== '') {
    return { ok: false, status, message: body.error };
  }
  if (status === 503) return { ok: false, status, message: 'Redis is not reachable right now. Try again in a moment.' };
  return { ok: false, status, message: `The server could not run the commands (HTTP ${status}).` };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Runs a script; with `lesson`, the answer also carries that lesson's progress after the run. */
export async function postCommands(script: string, fetchImpl: typeof fetch = fetch, lesson?: string): Promise<CommandsOutcome> {
  let response: Response;
  try {
    response = await fetchImpl('/api/commands', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(lesson ? { script, lesson } : { script }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      ok: false,
      message: timedOut
        ? 'The server took too long to answer. Try again in a moment.'
        : 'Could not reach the Stampede Lab server. Check that it is still running, then try again.',
    };
  }
  return parseCommandsResponse(response.status, await readJson(response));
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
    return parseHealthResponse(response.status, await readJson(response));
  } catch {
    return { redis: 'unreachable' };
  }
}
