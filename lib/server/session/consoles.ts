import 'server-only';
import { config } from '../config';
import { ConsoleConnection } from '../redis/consoleConnection';
import { MAX_BLOCK_SECONDS } from '../commands/blocking';

const IDLE_CLOSE_MS = 10 * 60_000;
// A reply may legitimately take as long as the longest allowed block; past that, the server is stuck.
const REPLY_TIMEOUT_MS = (MAX_BLOCK_SECONDS + 3) * 1000;

interface Consoles {
  byNamespace: Map<string, ConsoleConnection>;
  sweeper?: NodeJS.Timeout;
}

const globalForConsoles = globalThis as unknown as { stampedeConsoles?: Consoles };

function consoles(): Consoles {
  globalForConsoles.stampedeConsoles ??= { byNamespace: new Map() };
  return globalForConsoles.stampedeConsoles;
}

/** Each session has its own connection, so MULTI, WATCH and blocking pops behave as in redis-cli. */
export function consoleFor(namespaceId: string): ConsoleConnection {
  const state = consoles();
  let connection = state.byNamespace.get(namespaceId);
  if (!connection) {
    connection = new ConsoleConnection(config().redis, REPLY_TIMEOUT_MS);
    state.byNamespace.set(namespaceId, connection);
  }
  state.sweeper ??= setInterval(closeIdle, 60_000).unref();
  return connection;
}

function closeIdle(): void {
  for (const [id, connection] of consoles().byNamespace) {
    if (connection.idleMs > IDLE_CLOSE_MS) {
      connection.close();
      consoles().byNamespace.delete(id);
    }
  }
}

export function openConsoleCount(): number {
  return consoles().byNamespace.size;
}
