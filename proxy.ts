import { NextResponse, type NextRequest } from 'next/server';
import { issueSessionCookie, SESSION_COOKIE, sessionCookieHeader, verifySessionCookie } from '@/lib/server/session/cookie';
import { sessionSecret } from '@/lib/server/session/secret';

/**
 * Issues the session cookie when a page is first opened, before the page's own API calls start, so
 * that they all share one session. API routes issue their own cookie to clients that call them
 * first, and are left out here: the proxy costs every request a few milliseconds.
 */
export function proxy(request: NextRequest) {
  const secret = sessionSecret();
  if (verifySessionCookie(request.cookies.get(SESSION_COOKIE)?.value, secret)) return NextResponse.next();
  const response = NextResponse.next();
  response.headers.append('set-cookie', sessionCookieHeader(issueSessionCookie(secret), request.nextUrl.protocol === 'https:'));
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
