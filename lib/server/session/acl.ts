import 'server-only';
import { createHmac } from 'node:crypto';
import type Redis from 'ioredis';
import type { Namespace } from './namespace';

/**
 * What a session's own Redis user may do. Redis enforces it on every command, inside Lua scripts
 * too, so a command the parser misreads or a script that computes key names still cannot touch
 * another session's keys, the app's own keys (`sl:{id}#…`), or the server.
 */
const RULES = [
  'resetchannels',
  '-@all',
  ...['read', 'write', 'keyspace', 'string', 'list', 'set', 'sortedset', 'hash', 'stream', 'bitmap', 'hyperloglog', 'geo', 'transaction', 'scripting', 'blocking'].map((c) => `+@${c}`),
  ...['dangerous', 'admin', 'pubsub', 'connection'].map((c) => `-@${c}`),
  ...['ping', 'echo', 'time', 'keys', 'scan', 'sort', 'sort_ro'].map((c) => `+${c}`),
  ...['script', 'function', 'fcall', 'fcall_ro', 'move', 'randomkey', 'dbsize', 'wait'].map((c) => `-${c}`),
];

export interface SessionUser {
  username: string;
  password: string;
}

/** The session's user; the password is derived, so it survives an app restart without being stored. */
export function sessionUser(namespace: Namespace, secret: string): SessionUser {
  return {
    username: `sl-${namespace.id}`,
    password: createHmac('sha256', secret).update(`acl:${namespace.id}`).digest('hex'),
  };
}

/** Creates or refreshes the session's user; run before every (re)connect, since Redis may have restarted. */
export async function ensureSessionUser(redis: Redis, namespace: Namespace, user: SessionUser, extraRules: string[] = []): Promise<void> {
  await redis.call('ACL', 'SETUSER', user.username, 'reset', 'on', `>${user.password}`, `~${namespace.prefix}*`, ...RULES, ...extraRules);
}

export async function removeSessionUser(redis: Redis, username: string): Promise<void> {
  await redis.call('ACL', 'DELUSER', username);
}

/** Whether this Redis lets the app manage users; a managed service usually does not. */
export async function canManageUsers(redis: Redis): Promise<boolean> {
  const probe = `sl-probe-${process.pid}`;
  try {
    await redis.call('ACL', 'SETUSER', probe, 'reset', 'off');
    await redis.call('ACL', 'DELUSER', probe);
    return true;
  } catch (error) {
    if (error instanceof Error && /NOPERM|unknown command|ERR/i.test(error.message) && !/ECONN|closed/i.test(error.message)) return false;
    throw error;
  }
}
