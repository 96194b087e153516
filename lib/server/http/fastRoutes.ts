import type { PlainHandler } from './plain';

/**
 * Route modules offer handlers when Next loads them; the app's server looks them up per request.
 * The table lives on globalThis because the two sides hold different copies of this file (Next's
 * compiled one and the server's own) in one process.
 */
const TABLE = Symbol.for('stampede-lab.fastRoutes');
const globalForRoutes = globalThis as typeof globalThis & { [TABLE]?: Map<string, PlainHandler> };

function table(): Map<string, PlainHandler> {
  globalForRoutes[TABLE] ??= new Map();
  return globalForRoutes[TABLE];
}

/** Lets the app's server answer `method path` with `handler`, the same code Next runs for it. */
export function offerFastRoute(method: string, path: string, handler: PlainHandler): void {
  table().set(`${method} ${path}`, handler);
}

/** The handler offered for this method and path (no query string), once its module has loaded. */
export function fastRoute(method: string | undefined, path: string): PlainHandler | undefined {
  return table().get(`${method} ${path}`);
}
