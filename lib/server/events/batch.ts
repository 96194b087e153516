import { KEY_LOG_LIMIT, type KeyEvent, type KeyView } from '@/lib/keys/types';

/** One changed key of a flush: its name, the events that touched it (in order), and its state after them. */
export interface ChangedKey {
  key: string;
  events: string[];
  view: KeyView | null;
}

/**
 * What a flush sends a panel. Every event carries its key's state after the flush; the panel's log
 * keeps the last KEY_LOG_LIMIT events, so only those are sent, and each key's last one for its state
 * (a script may have written one key a million times).
 */
export function batchOf(changed: readonly ChangedKey[], at: number): KeyEvent[] {
  const events: KeyEvent[] = [];
  let index = 0;
  const firstKept = changed.reduce((sum, { events: touched }) => sum + touched.length, 0) - KEY_LOG_LIMIT;
  for (const { key, events: touched, view } of changed) {
    touched.forEach((event, j) => {
      if (index++ >= firstKept || j === touched.length - 1) events.push({ event, key, view, at });
    });
  }
  return events;
}
