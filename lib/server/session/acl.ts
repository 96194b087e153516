import 'server-only';
import { createHmac } from 'node:crypto';
import { retryWhileBusy } from '../redis/busy';
import { onEveryPrimary, type RedisClient } from '../redis/topology';
import type { Namespace } from './namespace';

/**
 * What a session's own Redis user may do. Redis enforces it on every command, inside Lua scripts
 * too, so a command the parser misreads or a script that computes key names still cannot touch
 * another session's keys, the app's own keys (`sl:{id}#…`), or the server.
 */
const RULES = [
  'resetchannels',
  '-@all',
  ...[
    'read',
    'write',
    'keyspace',
    'string',
    'list',
    'set',
    'sortedset',
    'hash',
    'stream',
    'bitmap',
    'hyperloglog',
    'geo',
    'transaction',
    'scripting',
    'blocking',
  ].map((c) => `+@${c}`),
  ...['dangerous', 'admin', 'pubsub', 'connection'].map((c) => `-@${c}`),
  // ASKING lets the console follow a cluster slot that is being migrated (see redis/clusterConsole.ts).
  ...['ping', 'echo', 'time', 'sort', 'sort_ro', 'asking'].map((c) => `+${c}`),
  ...['script', 'function', 'fcall', 'fcall_ro', 'move', 'randomkey', 'dbsize', 'wait'].map((c) => `-${c}`),
  // ACL cannot filter what KEYS and SCAN list, so a script could list everyone's keys: the app serves
  // them, confined (commands/listing.ts). GEORADIUS writes to its last STORE while the ACL checks the
  // first (Redis 7.0), so only the read-only variants are left; the console runs those instead.
  ...['keys', 'scan', 'georadius', 'georadiusbymember'].map((c) => `-${c}`),
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

/**
 * Creates or refreshes the session's user; run before every (re)connect, since Redis may have
 * restarted. Users are node-local in a cluster, so every primary gets one: the session's slot
 * may move to any of them.
 */
export async function ensureSessionUser(redis: RedisClient, namespace: Namespace, user: SessionUser, extraRules: string[] = []): Promise<void> {
  // A newcomer may arrive while another learner's script holds a node: it waits, as any bystander does.
  await onEveryPrimary(redis, (node) =>
    retryWhileBusy(() => node.call('ACL', 'SETUSER', user.username, 'reset', 'on', `>${user.password}`, `~${namespace.prefix}*`, ...RULES, ...extraRules)),
  );
}

export async function removeSessionUser(redis: RedisClient, username: string): Promise<void> {
  await onEveryPrimary(redis, (node) => node.call('ACL', 'DELUSER', username));
}

/** Whether every primary lets the app manage users; a managed service usually does not. */
export async function canManageUsers(redis: RedisClient): Promise<boolean> {
  const probe = `sl-probe-${process.pid}`;
  try {
    await onEveryPrimary(redis, async (node) => {
      await node.call('ACL', 'SETUSER', probe, 'reset', 'off');
      await node.call('ACL', 'DELUSER', probe);
    });
    return true;
  } catch (error) {
    if (error instanceof Error && /NOPERM|unknown command|ERR/i.test(error.message) && !/ECONN|closed/i.test(error.message)) return false;
    throw error;
  }
}
