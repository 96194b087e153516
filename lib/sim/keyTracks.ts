import type { SimSettings } from './settings';
import type { KeyEvent, KeyRole, SimEvent } from './types';

/**
 * A stretch of time in which a key held one value (the cache) or one holder's lock. It ends at
 * the key's next event, or where its TTL ran out, whichever came first: a key past its expiry is
 * gone for every reader, even if Redis reports the expiry a little later.
 */
export interface KeySpan {
  from: number;
  to: number;
  /** When the TTL Redis reported runs out; null for a key without one. */
  expireAt: number | null;
  /** The TTL when it was set or extended, for drawing the bar to scale. */
  ttlMs: number | null;
  holder?: number;
  /** The cache only: from here on the value is past its logical expiry (stale-while-revalidate). */
  staleFrom?: number;
}

type KeyMarkKind = 'expired-under-holder' | 'stolen-release' | 'release-refused';

interface KeyMark {
  t: number;
  kind: KeyMarkKind;
  text: string;
}

export interface KeyTrack {
  role: KeyRole;
  key: string;
  spans: KeySpan[];
  marks: KeyMark[];
  /** The longest TTL the key was given, the full height of its bar. */
  maxTtlMs: number;
}

/** A key as it was at one moment of the race. */
export interface KeyAt {
  state: 'missing' | 'present' | 'free' | 'held';
  /** Whole ms of TTL left, rounded up, so a key still there has at least 1; absent without a TTL. */
  ttlMs?: number;
  holder?: number;
  stale?: boolean;
}

/** What the race's first value is: the stale or fresh value it starts from, with its logical expiry. */
export interface TrackContext {
  settings: Pick<SimSettings, 'strategy' | 'cacheTtlMs'>;
  /** Ms into the race at which the starting value was logically expired (summary.initialExpiryAtMs). */
  initialExpiryAtMs: number | null;
}

/**
 * The race's cache and lock as tracks, from its key events; the marks come from the client events:
 * a lock that expired while its holder was still working, a plain DEL that removed another
 * client's lock, a compare-and-delete that refused to.
 */
export function keyTracks(keyEvents: readonly KeyEvent[], events: readonly SimEvent[], context: TrackContext): KeyTrack[] {
  const tracks: KeyTrack[] = [];
  for (const role of ['cache', 'lock'] as const) {
    const own = keyEvents.filter((e) => e.role === role);
    if (own.length === 0) continue;
    const spans: KeySpan[] = [];
    let open: KeySpan | null = null;
    for (const event of own) {
      if (open) open.to = Math.min(event.t, open.expireAt ?? event.t);
      open = null;
      if (event.op === 'del' || event.op === 'expired') continue;
      const expireAt = event.ttlMs === undefined ? null : event.t + event.ttlMs;
      open = { from: event.t, to: expireAt ?? Number.POSITIVE_INFINITY, expireAt, ttlMs: event.ttlMs ?? null };
      if (event.holder !== undefined) open.holder = event.holder;
      spans.push(open);
    }
    if (role === 'cache') markStale(spans, context);
    tracks.push({
      role,
      key: own[0]!.key,
      spans,
      marks: role === 'lock' ? lockMarks(own, events) : [],
      maxTtlMs: Math.max(1, ...spans.map((s) => s.ttlMs ?? 0)),
    });
  }
  return tracks;
}

/** Only stale-while-revalidate keeps a value past its logical expiry; the starting value's is known from the summary. */
function markStale(spans: KeySpan[], { settings, initialExpiryAtMs }: TrackContext): void {
  spans.forEach((span, i) => {
    const soft = i === 0 && initialExpiryAtMs !== null ? initialExpiryAtMs : settings.strategy === 'swr' ? span.from + settings.cacheTtlMs : null;
    if (soft !== null && soft < span.to) span.staleFrom = Math.max(span.from, soft);
  });
}

function lockMarks(lockEvents: KeyEvent[], events: readonly SimEvent[]): KeyMark[] {
  const marks: KeyMark[] = [];
  // When each client stopped holding (released, was refused, crashed): its lock expired under it if that came later.
  const letGo = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'release' || e.type === 'release-refused' || e.type === 'release-stolen' || e.type === 'crash') {
      if (!letGo.has(e.c)) letGo.set(e.c, e.t);
    }
    if (e.type === 'release-stolen') marks.push({ t: e.t, kind: 'stolen-release', text: `#${e.c}: ${e.detail ?? 'DEL removed another client’s lock'}` });
    if (e.type === 'release-refused') marks.push({ t: e.t, kind: 'release-refused', text: `#${e.c}'s release refused: the lock was no longer its own` });
  }
  for (const e of lockEvents) {
    if (e.op !== 'expired' || e.holder === undefined) continue;
    const released = letGo.get(e.holder);
    if (released === undefined || released > e.t)
      marks.push({ t: e.t, kind: 'expired-under-holder', text: `#${e.holder}'s lock expired while it was still working` });
  }
  return marks.sort((a, b) => a.t - b.t);
}

/** The key at `t` ms into the race. */
export function keyAt(track: KeyTrack, t: number): KeyAt {
  const span = spanAt(track.spans, t);
  const cache = track.role === 'cache';
  if (!span || t >= span.to) return { state: cache ? 'missing' : 'free' };
  const at: KeyAt = { state: cache ? 'present' : 'held' };
  if (span.expireAt !== null) at.ttlMs = Math.max(1, Math.ceil(span.expireAt - t));
  if (span.holder !== undefined) at.holder = span.holder;
  if (cache) at.stale = span.staleFrom !== undefined && t >= span.staleFrom;
  return at;
}

/** The last span that began at or before `t` (spans are in time order). */
function spanAt(spans: KeySpan[], t: number): KeySpan | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.from <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? spans[lo - 1] : undefined;
}
