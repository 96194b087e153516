import { createHash } from 'node:crypto';
import type { Reply } from '@/lib/cli/reply';
import { learnerPrefix, sessionKeys, type SessionKeys } from '../redisKeys';

export interface Namespace {
  /** Short, stable, not reversible to the session cookie. Alphanumeric, so it is glob-safe. */
  id: string;
  /** Every learner key lives under this prefix. The hash tag keeps a session in one cluster slot. */
  prefix: string;
  /** Keys the app keeps for the session (progress and the like): same slot, out of the learner's reach. */
  keys: SessionKeys;
}

/** A browser's session as the server issued it (http/session.ts reads it from the signed cookie). */
export interface Session {
  id: string;
  namespace: Namespace;
}

export function namespaceOf(sessionId: string): Namespace {
  return namespaceById(createHash('sha256').update(sessionId).digest('hex').slice(0, 16));
}

/** A namespace from its id alone: rooms keep their members by namespace id, never by session id. */
export function namespaceById(id: string): Namespace {
  return { id, prefix: learnerPrefix(id), keys: sessionKeys(id) };
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Removes the namespace from every key name a reply carries (KEYS, SCAN, BLPOP, XREAD, EVAL…). */
export function stripPrefix(reply: Reply, prefix: string): Reply {
  const prefixBytes = new Uint8Array(Buffer.from(prefix, 'latin1'));
  const strip = (r: Reply): Reply => {
    switch (r.type) {
      case 'bulk':
        return startsWith(r.value, prefixBytes) ? { type: 'bulk', value: r.value.subarray(prefixBytes.length) } : r;
      case 'array':
        return { type: 'array', value: r.value.map(strip) };
      case 'error':
      case 'status':
        return r.value.includes(prefix) ? { type: r.type, value: r.value.split(prefix).join('') } : r;
      default:
        return r;
    }
  };
  return strip(reply);
}
