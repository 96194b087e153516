import { issueSessionCookie, SESSION_COOKIE, verifySessionCookie } from '@/lib/server/session/cookie';
import { namespaceOf, type Session } from '@/lib/server/session/namespace';
import { sessionSecret } from '@/lib/server/session/secret';

/**
 * A browser's own session, issued as the server issues one, and the requests that browser's fetch
 * would send, to hand straight to a route handler.
 */
export function browserSession() {
  const token = issueSessionCookie(sessionSecret());
  const cookie = `${SESSION_COOKIE}=${token}`;
  const id = verifySessionCookie(token, sessionSecret())!;
  const session: Session = { id, namespace: namespaceOf(id) };
  /** A GET, or with a body a POST; a string body goes as it is, so a test can send one that is not JSON. */
  const request = (path: string, body?: unknown, init: { method?: string; signal?: AbortSignal } = {}) =>
    new Request(`http://localhost${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: init.signal,
    });
  return { cookie, session, request };
}

/** A dynamic route's second argument, as Next passes it. */
export const routeParams = <T extends object>(params: T) => ({ params: Promise.resolve(params) });
