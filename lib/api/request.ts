/**
 * The browser's one way to call the app's API: a timeout, the status checked, the answer's shape
 * checked at run time, and one sentence a learner can act on when anything goes wrong.
 */

/** On failure, `body` is the API's answer as it came (a 422 may list problems by line). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; status?: number; body?: unknown };

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** The answer as this page expects it, or undefined for a shape it cannot read. */
  read: (body: unknown) => T | undefined;
  timeoutMs?: number;
  /** What the request does, for the fallback sentence: "The server could not <what> (HTTP 500)." */
  what?: string;
  fetchImpl?: typeof fetch;
  /** The caller's own cancellation (a newer request made this one moot): then the AbortError is thrown, not explained. */
  signal?: AbortSignal;
}

export const UNREACHABLE = 'Could not reach the Stampede Lab server. Check that it is still running, then try again.';
export const TOO_SLOW = 'The server took too long to answer. Try again in a moment.';
export const REDIS_DOWN = 'Redis is not reachable right now. Try again in a moment.';
export const UNREADABLE = 'The server sent an answer this page cannot read. Try reloading the page.';

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A reader for an object answer that must carry these fields; the fields' own shapes are the caller's to trust or check. */
export function withFields<T>(...fields: string[]) {
  return (body: unknown): T | undefined => (isRecord(body) && fields.every((field) => field in body) ? (body as T) : undefined);
}

/** The API's own sentence (`{ "error": "…" }`), or one made from the status. */
function errorSentence(status: number, body: unknown, what = 'answer'): string {
  if (isRecord(body) && typeof body.error === 'string' && body.error.trim() !== '') return body.error;
  if (status === 503) return REDIS_DOWN;
  return `The server could not ${what} (HTTP ${status}).`;
}

export async function request<T>(
  url: string,
  { method = 'GET', body, read, timeoutMs = 10_000, what, fetchImpl = fetch, signal }: RequestOptions<T>,
): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      cache: 'no-store',
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, message: error instanceof DOMException && error.name === 'TimeoutError' ? TOO_SLOW : UNREACHABLE };
  }
  // An HTML error page from a proxy, or a body cut short, reads as no body at all.
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) return { ok: false, status: response.status, message: errorSentence(response.status, answer, what), body: answer };
  const value = read(answer);
  return value === undefined ? { ok: false, status: response.status, message: UNREADABLE } : { ok: true, value };
}

/** For callers that handle failure by catching: the value, or an Error carrying the sentence. */
export async function requestOrThrow<T>(url: string, options: RequestOptions<T>): Promise<T> {
  const outcome = await request(url, options);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
}
