import { issueSessionCookie, readCookie, SESSION_COOKIE, sessionCookieHeader, verifySessionCookie } from '../session/cookie';
import { namespaceOf, type Session } from '../session/namespace';
import { sessionSecret } from '../session/secret';
import { answer, answerPlain } from './errors';
import type { PlainAnswer, PlainRequest } from './plain';

/**
 * The session the server issued to this client, or a fresh one with the cookie to set. A cookie the
 * server did not sign is never accepted: it is replaced, so nobody can pick a session id. `secure`:
 * the client came over https, so the cookie may say `Secure`.
 */
function sessionFor(cookieHeader: string | null, secure: boolean): { session: Session; setCookie?: string } {
  const secret = sessionSecret();
  const presented = readCookie(cookieHeader, SESSION_COOKIE);
  const id = verifySessionCookie(presented, secret);
  if (id) return { session: { id, namespace: namespaceOf(id) } };
  const cookie = issueSessionCookie(secret);
  const freshId = verifySessionCookie(cookie, secret)!;
  return { session: { id: freshId, namespace: namespaceOf(freshId) }, setCookie: sessionCookieHeader(cookie, secure) };
}

/** Answers a request in its session; a client's first request gets its session cookie with the answer. */
export async function answerInSession(request: Request, work: (session: Session) => Promise<Response>): Promise<Response> {
  const { session, setCookie } = sessionFor(request.headers.get('cookie'), new URL(request.url).protocol === 'https:');
  const response = await answer(() => work(session));
  if (setCookie) response.headers.append('set-cookie', setCookie);
  return response;
}

/** As answerInSession, for a request in plain form. */
export async function answerPlainInSession(request: PlainRequest, work: (session: Session) => Promise<PlainAnswer>): Promise<PlainAnswer> {
  const { session, setCookie } = sessionFor(request.cookie, request.secure);
  const answer = await answerPlain(() => work(session));
  if (setCookie) answer.headers['set-cookie'] = setCookie;
  return answer;
}
