import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyEvent, KeyView } from '@/lib/keys/types';
import { KEY_LOG_LIMIT } from '@/lib/keys/types';
import { initialKeysState, reduceEvents, reduceSnapshot, reduceStatus, type KeysState, type StreamStatus } from './keysSlice';

await vi.hoisted(async () => (await import('./testing')).installMemoryStorage());

const { resetStore, useAppStore } = await import('./index');

const view = (key: string, expiresAt: number | null = null): KeyView => ({ key, type: 'string', expiresAt, preview: '"v"', length: 1 });
const event = (name: string, key: string, v: KeyView | null, at = 10_000): KeyEvent => ({ event: name, key, view: v, at });
const apply = (state: KeysState, patch: Partial<KeysState>): KeysState => ({ ...state, ...patch });
const names = (state: KeysState) => [...state.keys.keys()];

describe('reduceSnapshot', () => {
  it('replaces every key, sets the mode, goes live and measures the clock offset', () => {
    const before = apply(initialKeysState, { keys: new Map([['stale', { view: view('stale'), live: true }]]) });
    const after = apply(before, reduceSnapshot(before, { now: 5_000, mode: 'poll', keys: [view('a'), view('b', 9_000)] }, 4_000));
    expect(names(after)).toEqual(['a', 'b']);
    expect(after).toMatchObject({ hubMode: 'poll', streamStatus: 'live', clockOffset: 1_000 });
    expect(after.keys.get('b')).toEqual({ view: view('b', 9_000), live: false });
  });

  it('keeps the log, and a key that was already live stays live after a reconnect', () => {
    let state = apply(initialKeysState, reduceEvents(initialKeysState, [event('set', 'a', view('a'))], 0));
    state = apply(state, reduceSnapshot(state, { now: 0, mode: 'push', keys: [view('a')] }, 0));
    expect(state.keys.get('a')?.live).toBe(true);
    expect(state.keyLog).toHaveLength(1);
  });

  it('a negative offset means the browser clock runs ahead of Redis', () => {
    expect(reduceSnapshot(initialKeysState, { now: 1_000, mode: 'push', keys: [] }, 61_000).clockOffset).toBe(-60_000);
  });
});

describe('reduceEvents', () => {
  const cases: [name: string, events: KeyEvent[], keys: string[]][] = [
    ['set adds a key', [event('set', 'a', view('a'))], ['a', 'base']],
    ['del removes it', [event('del', 'base', null)], []],
    ['expired removes it', [event('expired', 'base', null)], []],
    ['a rename moves it', [event('rename_from', 'base', null), event('rename_to', 'moved', view('moved'))], ['moved']],
    ['poll mode: removed', [event('removed', 'base', null)], []],
    ['poll mode: changed updates in place', [event('changed', 'base', view('base', 50))], ['base']],
  ];
  const base = apply(initialKeysState, { keys: new Map([['base', { view: view('base'), live: false }]]) });
  it.each(cases)('%s', (_name, events, keys) => {
    expect(names(apply(base, reduceEvents(base, events, 0))).sort()).toEqual(keys);
  });

  it('marks keys created by an event as live, and keeps a snapshot key not live when it changes', () => {
    const after = apply(base, reduceEvents(base, [event('set', 'new', view('new')), event('expire', 'base', view('base', 9))], 0));
    expect(after.keys.get('new')?.live).toBe(true);
    expect(after.keys.get('base')).toEqual({ view: view('base', 9), live: false });
  });

  it('logs events oldest first with increasing ids and refreshes the clock offset from `at`', () => {
    const after = apply(base, reduceEvents(base, [event('set', 'a', view('a'), 100), event('del', 'a', null, 130)], 30));
    expect(after.keyLog).toEqual([
      { id: 1, event: 'set', key: 'a', at: 100 },
      { id: 2, event: 'del', key: 'a', at: 130 },
    ]);
    expect(after.nextLogId).toBe(3);
    expect(after.clockOffset).toBe(100);
  });

  it('keeps the offset when an event arrived late, and follows a browser clock that was changed', () => {
    const settled = apply(base, { clockOffset: 500 });
    expect(reduceEvents(settled, [event('set', 'a', view('a'), 1_000)], 560).clockOffset).toBe(500);
    expect(reduceEvents(settled, [event('set', 'a', view('a'), 1_000)], 490).clockOffset).toBe(510);
    expect(reduceEvents(settled, [event('set', 'a', view('a'), 1_000)], 60_000).clockOffset).toBe(-59_000);
  });

  it(`keeps the last ${KEY_LOG_LIMIT} events`, () => {
    const many = Array.from({ length: KEY_LOG_LIMIT + 7 }, (_, i) => event('set', `k${i}`, view(`k${i}`)));
    const after = apply(base, reduceEvents(base, many, 0));
    expect(after.keyLog).toHaveLength(KEY_LOG_LIMIT);
    expect(after.keyLog[0]).toMatchObject({ id: 8, key: 'k7' });
    expect(after.keys.size).toBe(KEY_LOG_LIMIT + 8);
  });

  it('logs a change described before the last snapshot, but keeps the snapshot’s newer state of its key', () => {
    const snapshotted = apply(base, reduceSnapshot(base, { now: 5_000, mode: 'push', keys: [view('base', 9_000)] }, 5_000));
    const after = apply(
      snapshotted,
      reduceEvents(snapshotted, [event('expire', 'base', view('base', 7_000), 4_990), event('set', 'new', view('new'), 5_010)], 5_010),
    );
    expect(after.keys.get('base')?.view.expiresAt).toBe(9_000);
    expect(names(after).sort()).toEqual(['base', 'new']);
    expect(after.keyLog.map((e) => e.event)).toEqual(['expire', 'set']);
  });

  it('changes nothing for an empty batch', () => {
    expect(reduceEvents(base, [], 0)).toEqual({});
  });

  it('handles names that are special to plain objects', () => {
    const after = apply(base, reduceEvents(base, [event('set', '__proto__', view('__proto__')), event('set', 'constructor', view('constructor'))], 0));
    expect(names(after).sort()).toEqual(['__proto__', 'base', 'constructor']);
  });
});

describe('reduceStatus', () => {
  const cases: [from: StreamStatus, to: StreamStatus, expected: StreamStatus][] = [
    ['live', 'reconnecting', 'reconnecting'],
    ['live', 'unavailable', 'unavailable'],
    ['unavailable', 'reconnecting', 'unavailable'],
    ['connecting', 'reconnecting', 'connecting'],
    ['reconnecting', 'unavailable', 'unavailable'],
  ];
  it.each(cases)('%s + %s → %s', (from, to, expected) => {
    const state = apply(initialKeysState, { streamStatus: from });
    expect(apply(state, reduceStatus(state, to)).streamStatus).toBe(expected);
  });
});

describe('keys slice in the store', () => {
  beforeEach(() => resetStore());
  const state = () => useAppStore.getState();

  it('wires the reducers and is not persisted', () => {
    state().applySnapshot({ now: 2_000, mode: 'push', keys: [view('a', 3_000)] }, 1_000);
    state().applyKeyEvents([event('set', 'b', view('b'), 3_200)], 2_000);
    state().setStreamStatus('reconnecting');
    expect(names(state())).toEqual(['a', 'b']);
    expect(state()).toMatchObject({ hubMode: 'push', streamStatus: 'reconnecting', clockOffset: 1_200 });
    state().addToHistory('GET a', 5);
    expect(JSON.parse(localStorage.getItem('stampede-lab') ?? '{}').state).not.toHaveProperty('keys');
  });

  it('resetStore forgets the keys', () => {
    state().applySnapshot({ now: 0, mode: 'poll', keys: [view('a')] }, 0);
    resetStore();
    expect(state()).toMatchObject({ hubMode: null, streamStatus: 'connecting', keyLog: [] });
    expect(state().keys.size).toBe(0);
  });
});
