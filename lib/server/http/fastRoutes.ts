import { processGlobal } from '../processGlobal';
import type { PlainHandler } from './plain';

/**
 * Route modules offer handlers when Next loads them; the app's server looks them up per request.
 * Both sides hold different copies of this file (Next's compiled one and the server's own) in one
 * process, so the table is a process global.
 */
const table = () => processGlobal('fastRoutes', () => new Map<string, PlainHandler>());

/** Lets the app's server answer `method path` with `handler`, the same code Next runs for it. */
export function offerFastRoute(method: string, path: string, handler: PlainHandler): void {
  table().set(`${method} ${path}`, handler);
}

/** The handler offered for this method and path (no query string), once its module has loaded. */
export function fastRoute(method: string | undefined, path: string): PlainHandler | undefined {
  return table().get(`${method} ${path}`);
}
