import { issueSessionCookie, readCookie, SESSION_COOKIE, sessionCookieHeader, verifySessionCookie } from '../session/cookie';
import { namespaceOf, type Namespace } from '../session/namespace';
import { sessionSecret } from '../session/secret';
import { answer } from './errors';

export interface Session {
  id: string;
  namespace: Namespace;
}

/**
 * The session the server issued to this client, or a fresh one with the cookie to set. A cookie the
 * server did not sign is never accepted: it is replaced, so nobody can pick a session id.
 */
export function sessionOf(request: Request): { session: Session; setCookie?: string } {
  const secret = sessionSecret();
  const presented = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  const id = verifySessionCookie(presented, secret);
  if (id) return { session: { id, namespace: namespaceOf(id) } };
  const cookie = issueSessionCookie(secret);
  const freshId = verifySessionCookie(cookie, secret)!;
  return {
    session: { id: freshId, namespace: namespaceOf(freshId) },
    setCookie: sessionCookieHeader(cookie, new URL(request.url).protocol === 'https:'),
  };
}

/** Answers a request in its session; a client's first request gets its session cookie with the answer. */
export async function answerInSession(request: Request, work: (session: Session) => Promise<Response>): Promise<Response> {
  const { session, setCookie } = sessionOf(request);
  const response = await answer(() => work(session));
  if (setCookie) response.headers.append('set-cookie', setCookie);
  return response;
}
