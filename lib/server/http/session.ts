import { readCookie, SESSION_COOKIE, verifySessionCookie } from '../session/cookie';
import { namespaceOf, type Namespace } from '../session/namespace';
import { sessionSecret } from '../session/secret';
import { HttpError } from './errors';

export interface Session {
  id: string;
  namespace: Namespace;
}

/** The session the server issued to this browser (see proxy.ts); never one the client made up. */
export function requireSession(request: Request): Session {
  const id = verifySessionCookie(readCookie(request.headers.get('cookie'), SESSION_COOKIE), sessionSecret());
  if (!id) throw new HttpError(401, 'Your session is missing or was not issued by this server. Reload the page to start a new one.');
  return { id, namespace: namespaceOf(id) };
}
