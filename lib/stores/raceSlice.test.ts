import { beforeEach, describe, expect, it, vi } from 'vitest';

await vi.hoisted(async () => (await import('./testing')).installMemoryStorage());

const { resetStore, useAppStore } = await import('./index');
const { DEFAULT_SETTINGS } = await import('@/lib/sim/settings');

const state = () => useAppStore.getState();
beforeEach(() => resetStore());

describe('race slice', () => {
  it('follows a race and its comparison from queued to finished', () => {
    state().raceQueued([DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, strategy: 'none' }]);
    expect(state().races.map((r) => r.status)).toEqual(['starting', 'starting']);
    state().raceStarted(0, 'abc');
    state().raceProgress(0, [{ t: 0, c: 0, type: 'request' }]);
    state().raceProgress(0, [{ t: 1, c: 0, type: 'miss' }]);
    state().raceFinished(0, 'done', null);
    expect(state().races[0]).toMatchObject({ id: 'abc', status: 'done', events: [{ type: 'request' }, { type: 'miss' }] });
    expect(state().races[1]!.status).toBe('starting');
  });

  it("gathers a class race's lane labels as frames bring them", () => {
    state().raceQueued([DEFAULT_SETTINGS]);
    state().raceProgress(0, [{ t: 0, c: 100, type: 'request' }], undefined, { 100: 'Ada' });
    state().raceProgress(0, [{ t: 1, c: 101, type: 'request' }], undefined, { 101: 'Grace' });
    state().raceProgress(0, [{ t: 2, c: 100, type: 'miss' }]);
    expect(state().races[0]!.labels).toEqual({ 100: 'Ada', 101: 'Grace' });
  });

  it('changes one knob at a time and is not saved across reloads', () => {
    state().setRaceSettings({ clients: 10_000 });
    expect(state().raceSettings).toEqual({ ...DEFAULT_SETTINGS, clients: 10_000 });
    expect(localStorage.getItem('stampede-lab') ?? '').not.toContain('raceSettings');
  });
});
