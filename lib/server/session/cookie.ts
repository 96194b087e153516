import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'stampede_session';
const SESSION_MAX_AGE_S = 60 * 60 * 24 * 30;

function signature(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(sessionId).digest('base64url');
}

/** A fresh session: 128 random bits, signed so that a client cannot pick its own id. */
export function issueSessionCookie(secret: string): string {
  const sessionId = randomBytes(16).toString('base64url');
  return `${sessionId}.${signature(sessionId, secret)}`;
}

/** The session id inside a cookie value, or undefined when the value was not issued by this server. */
export function verifySessionCookie(value: string | undefined, secret: string): string | undefined {
  if (!value) return undefined;
  const [sessionId, sig] = value.split('.');
  if (!sessionId || !sig || !/^[A-Za-z0-9_-]{22}$/.test(sessionId)) return undefined;
  const expected = Buffer.from(signature(sessionId, secret));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? sessionId : undefined;
}

/** Reads one cookie from a raw Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie header for a session: HttpOnly and SameSite=Lax, Secure over HTTPS. */
export function sessionCookieHeader(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${SESSION_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
