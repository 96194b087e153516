/*
 * One value per server process, however many copies of the module that asks for it are loaded:
 * Next's bundle and the server's own code each hold a copy, and hot reload in development loads a
 * new one on every change (which would otherwise leak connections and timers). The values live on
 * globalThis under registered symbols.
 */
const store = globalThis as unknown as Record<symbol, unknown>;
const keyFor = (name: string) => Symbol.for(`stampede-lab.${name}`);

/** The process's one `name`, made by `create` the first time it is asked for. */
export function processGlobal<T>(name: string, create: () => T): T {
  const key = keyFor(name);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}

/** Puts `value` in place of the process's `name` (a test's log destination, say). */
export function replaceProcessGlobal<T>(name: string, value: T): void {
  store[keyFor(name)] = value;
}

/** A load done once per process and shared by every caller; a failed one is forgotten, so the next caller tries again. */
export function loadOnce<T>(name: string, load: () => Promise<T>): Promise<T> {
  return processGlobal(name, () =>
    load().catch((error: unknown) => {
      delete store[keyFor(name)];
      throw error;
    }),
  );
}
