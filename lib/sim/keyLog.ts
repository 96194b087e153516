import type { KeyEvent, KeyNotice, KeyOp, KeyRole } from './types';
import { holderOf, type RaceKeys } from './value';

/** Redis's keyspace events after which the key is gone, and which of the contract's words each is. */
const REMOVED: Record<string, KeyOp> = { del: 'del', rename_from: 'del', move_from: 'del', expired: 'expired', evicted: 'expired' };

interface Entry {
  t: number;
  role: KeyRole;
  key: string;
  op: KeyOp;
  /** Until the key's state after a write has been read. */
  waiting: boolean;
  value?: string | null;
  ttlMs?: number | null;
}

/**
 * A race's key events, on the race's clock, from what Redis reported: each notice is stamped when
 * it arrives, and a write waits for the TTL and value Redis reported for it (PEXPIRETIME, GET).
 * Readers see events in order, up to the first one still waiting for its state, so a copy that is
 * read a piece at a time never misses a TTL or a holder.
 */
export class KeyLog {
  /** Events complete so far; readers remember how far they have read. */
  count = 0;
  truncated = false;
  private readonly entries: Entry[] = [];
  private readonly events: KeyEvent[] = [];
  private readonly roles: Map<string, KeyRole>;
  /** Whose lock the lock key holds, as its last write said. */
  private holder: number | undefined;

  constructor(
    keys: RaceKeys,
    private readonly now: () => number,
    private readonly maxEvents = 50_000,
  ) {
    this.roles = new Map([
      [keys.data, 'cache'],
      [keys.lock, 'lock'],
    ]);
  }

  readonly notice = (notice: KeyNotice): void => {
    const role = this.roles.get(notice.key);
    if (!role) return;
    if (this.entries.length >= this.maxEvents) {
      this.truncated = true;
      return;
    }
    const removed = REMOVED[notice.event];
    const op: KeyOp = removed ?? (notice.event === 'expire' || notice.event === 'persist' ? 'pexpire' : 'set');
    const entry: Entry = { t: Math.round(this.now() * 100) / 100, role, key: notice.key, op, waiting: notice.state !== undefined };
    this.entries.push(entry);
    if (!notice.state) return this.advance();
    notice.state
      .then(
        ({ value, ttlMs }) => Object.assign(entry, { value, ttlMs }),
        () => undefined,
      )
      .finally(() => {
        entry.waiting = false;
        this.advance();
      });
  };

  /** Events `from` (inclusive) to `to` (exclusive), as the API answers them. */
  read(from = 0, to = this.count): KeyEvent[] {
    return this.events.slice(from, Math.min(to, this.count));
  }

  /** Turns the entries whose state is known into events, in order; the lock's holder follows along. */
  private advance(): void {
    while (this.count < this.entries.length && !this.entries[this.count]!.waiting) {
      const { t, role, key, op, value, ttlMs } = this.entries[this.count]!;
      const event: KeyEvent = { t, role, key, op };
      if (typeof ttlMs === 'number') event.ttlMs = ttlMs;
      if (role === 'lock') {
        if (op === 'set' || (op === 'pexpire' && value !== undefined)) this.holder = holderOf(value ?? null);
        if (this.holder !== undefined) event.holder = this.holder;
        if (op === 'del' || op === 'expired') this.holder = undefined;
      }
      this.events.push(event);
      this.count += 1;
    }
  }
}
