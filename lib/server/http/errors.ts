import { DomainError, type FailureKind } from '../errors';
import { log } from '../log/logger';
import { RedisUnavailableError } from '../redis/consoleConnection';
import { responseOf, type PlainAnswer } from './plain';

/** An answer for the learner: a status code and one sentence they can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// no-transform also keeps Next from gzipping every small answer, which cost ~7% of the server's CPU in
// bench/workshop; pages and static assets are still compressed.
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-transform' };

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', JSON_HEADERS['content-type']);
  if (!headers.has('cache-control')) headers.set('cache-control', JSON_HEADERS['cache-control']);
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** As json(), in plain form. */
export function plainJson(body: unknown, status = 200, headers: Record<string, string> = {}): PlainAnswer {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function isRedisDown(error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true;
  const message = error instanceof Error ? error.message : '';
  // ioredis' own words while its connection is down or reconnecting.
  return /Connection is closed|Stream isn't writeable|ECONNREFUSED|connect ETIMEDOUT|enableOfflineQueue|MaxRetriesPerRequest/i.test(message);
}

const REDIS_DOWN = 'Redis is not reachable right now. Your work is kept; try again in a moment.';

const UNEXPECTED = 'The playground hit a problem it did not expect, and it is logged for whoever runs this server. Please try again.';

const STATUS_OF: Record<FailureKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  refused: 422,
  'over-quota': 429,
  unavailable: 503,
};

/** Maps a failure to its 4xx, 503 while Redis is down, or 500 with a sentence for anything unexpected (which is logged). */
export function errorAnswer(error: unknown): PlainAnswer {
  if (error instanceof HttpError) return plainJson({ error: error.message }, error.status);
  if (error instanceof DomainError) {
    const retry: Record<string, string> = error.retryAfterS === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterS))) };
    return plainJson({ error: error.message }, STATUS_OF[error.kind], retry);
  }
  if (isRedisDown(error)) return plainJson({ error: REDIS_DOWN }, 503);
  log().error({ err: error }, 'unexpected error in the API');
  return plainJson({ error: UNEXPECTED }, 500);
}

/** Runs a handler and turns whatever it throws into a proper answer. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return responseOf(errorAnswer(error));
  }
}

/** As answer(), for a handler in plain form. */
export async function answerPlain(work: () => Promise<PlainAnswer>): Promise<PlainAnswer> {
  try {
    return await work();
  } catch (error) {
    return errorAnswer(error);
  }
}
