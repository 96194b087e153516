import 'server-only';
import { config } from '../config';
import { learnerConsole, type LearnerConsole } from '../redis/clusterConsole';
import { appRedis } from '../redis/client';
import { MAX_BLOCK_SECONDS } from '../commands/blocking';
import { canManageUsers, ensureSessionUser, removeSessionUser, sessionUser } from './acl';
import { SESSIONS_KEY } from '../redisKeys';
import type { Namespace } from './namespace';
import { sessionSecret } from './secret';
import { logFailure } from '../log/logger';
import { processGlobal } from '../processGlobal';

const IDLE_CLOSE_MS = 10 * 60_000;
// A reply may legitimately take as long as the longest allowed block; past that, the server is stuck.
const REPLY_TIMEOUT_MS = (MAX_BLOCK_SECONDS + 3) * 1000;

/**
 * `acl`: every session runs as its own Redis user, confined by Redis itself. `shared`: the Redis
 * does not let the app manage users (a managed service), so sessions share the app's user and
 * scripts stay off, because only Redis could confine what a script touches.
 */
export type IsolationMode = 'acl' | 'shared';

interface Consoles {
  byNamespace: Map<string, { connection: LearnerConsole; username?: string }>;
  mode?: Promise<IsolationMode>;
  sweeper?: NodeJS.Timeout;
}

function consoles(): Consoles {
  return processGlobal<Consoles>('consoles', () => ({ byNamespace: new Map() }));
}

export function isolationMode(): Promise<IsolationMode> {
  const state = consoles();
  state.mode ??= canManageUsers(appRedis())
    .then((can): IsolationMode => (can ? 'acl' : 'shared'))
    .catch((error: unknown) => {
      state.mode = undefined;
      throw error;
    });
  return state.mode;
}

/** Each session has its own connection, so MULTI, WATCH and blocking pops behave as in redis-cli. */
export async function consoleFor(namespace: Namespace): Promise<LearnerConsole> {
  const state = consoles();
  const existing = state.byNamespace.get(namespace.id);
  if (existing) return existing.connection;
  const mode = await isolationMode();
  const { redis } = config();
  let entry: { connection: LearnerConsole; username?: string };
  if (mode === 'acl') {
    const user = sessionUser(namespace, sessionSecret());
    const endpoint = { ...redis, username: user.username, password: user.password };
    const extra = redis.db ? ['+select'] : [];
    entry = {
      connection: learnerConsole(endpoint, namespace.prefix, REPLY_TIMEOUT_MS, () => ensureSessionUser(appRedis(), namespace, user, extra)),
      username: user.username,
    };
  } else {
    entry = { connection: learnerConsole(redis, namespace.prefix, REPLY_TIMEOUT_MS) };
  }
  // Another request of the same session may have won the race while we awaited.
  const winner = state.byNamespace.get(namespace.id) ?? entry;
  state.byNamespace.set(namespace.id, winner);
  state.sweeper ??= setInterval(closeIdle, 60_000).unref();
  return winner.connection;
}

function closeIdle(): void {
  for (const [id, { connection, username }] of consoles().byNamespace) {
    if (connection.idleMs > IDLE_CLOSE_MS) {
      connection.close();
      consoles().byNamespace.delete(id);
      if (username) void removeUserUnlessActive(id, username).catch(logFailure("removing an idle console's Redis user", { session: id }));
    }
  }
}

/**
 * The session may have moved to another app instance, whose console still uses the user (and
 * Redis disconnects a deleted user's clients), so it goes only once no instance has used it.
 */
async function removeUserUnlessActive(namespaceId: string, username: string): Promise<void> {
  const lastActive = Number(await appRedis().zscore(SESSIONS_KEY, namespaceId));
  if (Date.now() - lastActive > IDLE_CLOSE_MS) await removeSessionUser(appRedis(), username);
}
