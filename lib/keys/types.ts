/**
 * One key of a session as the keys panel shows it. Shared by the snapshot API, the event stream and
 * the browser, so this file must stay free of server-only imports.
 */
export interface KeyView {
  /** The name as the learner typed it, without the namespace. */
  key: string;
  type: string;
  /** Absolute expiry in Redis's clock (epoch ms), or null for a key without TTL. */
  expiresAt: number | null;
  /** Strings: the value quoted as redis-cli prints it (first 120 bytes). Others: the first members. */
  preview: string;
  /** String length in bytes, or the number of members. */
  length: number;
}

/** The key events a keys panel's log keeps: the server sends no more of one batch than the panel would keep. */
export const KEY_LOG_LIMIT = 200;

export interface KeyEvent {
  /** Redis's event name: set, expire, expired, del, rename_from, rename_to, lpush, hset… */
  event: string;
  key: string;
  /** The key after the event, or null when it no longer exists. */
  view: KeyView | null;
  /** Redis-clock time the app saw the event. */
  at: number;
}

/** `push`: keyspace notifications; `poll`: the server rereads each namespace once a second. */
export type HubMode = 'push' | 'poll';

/** The first message of `GET /api/events`, and the body of `GET /api/keys`. */
export interface KeysSnapshot {
  /** Redis-clock time of the snapshot (epoch ms). */
  now: number;
  mode: HubMode;
  keys: KeyView[];
}
