import { NextResponse, type NextRequest } from 'next/server';
import { issueSessionCookie, SESSION_COOKIE, SESSION_MAX_AGE_S, verifySessionCookie } from '@/lib/server/session/cookie';
import { sessionSecret } from '@/lib/server/session/secret';

/**
 * Issues the session cookie on first contact. The fresh cookie is also written into this request,
 * so the very first API call already runs in its session.
 */
export function proxy(request: NextRequest) {
  const secret = sessionSecret();
  if (verifySessionCookie(request.cookies.get(SESSION_COOKIE)?.value, secret)) return NextResponse.next();
  const cookie = issueSessionCookie(secret);
  request.cookies.set(SESSION_COOKIE, cookie);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
    secure: request.nextUrl.protocol === 'https:',
  });
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|monaco/).*)'],
};
