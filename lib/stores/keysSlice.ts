import { KEY_LOG_LIMIT, type HubMode, type KeyEvent, type KeysSnapshot, type KeyView } from '@/lib/keys/types';
import type { SliceCreator } from './types';

/**
 * `connecting`: no snapshot yet. `live`: snapshot received, changes arrive as they happen.
 * `reconnecting`: the stream dropped and the browser is retrying. `unavailable`: the server said
 * Redis is down; the stream retries until it is back.
 */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

/** A key as the panel holds it: what Redis said, and whether it arrived live (it may flash in). */
export interface KeyEntry {
  view: KeyView;
  /** True when an event created it after the snapshot, false when the snapshot listed it. */
  live: boolean;
}

export interface KeyLogEntry {
  id: number;
  event: string;
  key: string;
  /** Redis-clock time (epoch ms). */
  at: number;
}

/** An offset that drops by more than this is the browser's clock being changed, not a slow event. */
const CLOCK_JUMP_MS = 1_000;

export interface KeysState {
  keys: ReadonlyMap<string, KeyEntry>;
  /** Oldest first; the last KEY_LOG_LIMIT events. */
  keyLog: KeyLogEntry[];
  nextLogId: number;
  hubMode: HubMode | null;
  streamStatus: StreamStatus;
  /**
   * Redis's clock minus the browser's `Date.now()`, in ms. Expiry times are in Redis's clock, so
   * countdowns add this to `Date.now()` and agree with Redis whatever the browser's clock says.
   */
  clockOffset: number;
  /** Redis-clock time of the last snapshot: a change described before it carries an older state. */
  snapshotAt: number;
}

export interface KeysSlice extends KeysState {
  applySnapshot: (snapshot: KeysSnapshot, browserNow?: number) => void;
  applyKeyEvents: (events: KeyEvent[], browserNow?: number) => void;
  setStreamStatus: (status: StreamStatus) => void;
}

export const initialKeysState: KeysState = {
  keys: new Map(),
  keyLog: [],
  nextLogId: 1,
  hubMode: null,
  streamStatus: 'connecting',
  clockOffset: 0,
  snapshotAt: 0,
};

/** A (re)connect's snapshot is the whole truth: keys not in it are gone. The log is history and stays. */
export function reduceSnapshot(state: KeysState, snapshot: KeysSnapshot, browserNow: number): Partial<KeysState> {
  const keys = new Map<string, KeyEntry>();
  for (const view of snapshot.keys) {
    const before = state.keys.get(view.key);
    // A reconnect should not make every key flash again, only the ones that are new to the panel.
    keys.set(view.key, { view, live: before ? before.live : false });
  }
  return { keys, hubMode: snapshot.mode, streamStatus: 'live', clockOffset: snapshot.now - browserNow, snapshotAt: snapshot.now };
}

export function reduceEvents(state: KeysState, events: KeyEvent[], browserNow: number): Partial<KeysState> {
  if (events.length === 0) return {};
  const keys = new Map(state.keys);
  for (const { key, view, at } of events) {
    // A change the server described before the snapshot was read (it was in flight when the stream
    // started afresh) is in the log, but the snapshot's state of its key is newer.
    if (at < state.snapshotAt) continue;
    if (view) keys.set(view.key, { view, live: keys.get(view.key)?.live ?? true });
    else keys.delete(key);
  }
  const logged = events.map((e, i) => ({ id: state.nextLogId + i, event: e.event, key: e.key, at: e.at }));
  return {
    keys,
    keyLog: [...state.keyLog, ...logged].slice(-KEY_LOG_LIMIT),
    nextLogId: state.nextLogId + events.length,
    clockOffset: refineOffset(state.clockOffset, events.at(-1)!.at - browserNow),
  };
}

/**
 * An event's `at` is Redis's time when the server saw it, so every sample comes out short by the time
 * the event took to reach the page: the largest sample is the best one. A snapshot resets the offset.
 */
function refineOffset(current: number, sample: number): number {
  return sample > current || current - sample > CLOCK_JUMP_MS ? sample : current;
}

/** Once the server said Redis is down, the browser's retries failing is not news. */
export function reduceStatus(state: KeysState, status: StreamStatus): Partial<KeysState> {
  if (status === 'reconnecting' && (state.streamStatus === 'unavailable' || state.streamStatus === 'connecting')) return {};
  return { streamStatus: status };
}

export const createKeysSlice: SliceCreator<KeysSlice> = (set) => ({
  ...initialKeysState,
  applySnapshot: (snapshot, browserNow = Date.now()) => set((state) => reduceSnapshot(state, snapshot, browserNow)),
  applyKeyEvents: (events, browserNow = Date.now()) => set((state) => reduceEvents(state, events, browserNow)),
  setStreamStatus: (status) => set((state) => reduceStatus(state, status)),
});
