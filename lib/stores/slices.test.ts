import { beforeEach, describe, expect, it, vi } from 'vitest';

await vi.hoisted(async () => (await import('./testing')).installMemoryStorage());

const { resetStore, useAppStore, SEED_SCRIPT } = await import('./index');
const { HISTORY_LIMIT } = await import('./historySlice');
const { CONSOLE_LIMIT } = await import('./consoleSlice');

const state = () => useAppStore.getState();
const result = (line: number) => ({ line, command: `GET k${line}`, ok: true, reply: null, text: '(nil)', ms: 0.1 });

beforeEach(() => resetStore());

describe('editor slice', () => {
  it("starts a first visit with a comment, not a lesson's commands", () => {
    expect(state().script).toBe(SEED_SCRIPT);
    expect(
      state()
        .script.split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#')),
    ).toEqual([]);
  });

  it('tells typing apart from loading a script', () => {
    state().setScript('PING');
    expect(state()).toMatchObject({ script: 'PING', scriptRevision: 0 });
    state().loadScript('GET a');
    expect(state()).toMatchObject({ script: 'GET a', scriptRevision: 1 });
  });
});

describe('history slice', () => {
  const scripts = () => state().history.map((h) => h.script);
  const cases: [name: string, runs: string[], expected: string[]][] = [
    ['newest first', ['A', 'B'], ['B', 'A']],
    ['consecutive duplicates collapse', ['A', 'A', 'A'], ['A']],
    ['non-consecutive duplicates stay', ['A', 'B', 'A'], ['A', 'B', 'A']],
    ['blank scripts are not saved', ['A', '  \n'], ['A']],
  ];
  it.each(cases)('%s', (_name, runs, expected) => {
    runs.forEach((script) => state().addToHistory(script));
    expect(scripts()).toEqual(expected);
  });

  it('a repeated run refreshes its time', () => {
    state().addToHistory('A', 1);
    state().addToHistory('A', 2);
    expect(state().history).toEqual([{ script: 'A', at: 2 }]);
  });

  it(`keeps the last ${HISTORY_LIMIT}`, () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) state().addToHistory(`GET k${i}`);
    expect(state().history).toHaveLength(HISTORY_LIMIT);
    expect(state().history[0]?.script).toBe(`GET k${HISTORY_LIMIT + 4}`);
    expect(state().history.at(-1)?.script).toBe('GET k5');
  });
});

describe('console slice', () => {
  it('appends entries oldest first with increasing ids', () => {
    state().appendEntry({ kind: 'results', results: [result(1)] });
    state().appendEntry({ kind: 'error', message: 'Redis is down.', status: 503 });
    expect(state().entries.map((e) => [e.id, e.kind])).toEqual([
      [1, 'results'],
      [2, 'error'],
    ]);
  });

  it(`keeps the last ${CONSOLE_LIMIT} entries`, () => {
    for (let i = 0; i < CONSOLE_LIMIT + 3; i++) state().appendEntry({ kind: 'results', results: [result(i)] });
    expect(state().entries).toHaveLength(CONSOLE_LIMIT);
    expect(state().entries[0]?.id).toBe(4);
  });

  it('clears entries but keeps counting ids', () => {
    state().appendEntry({ kind: 'results', results: [result(1)] });
    state().clearConsole();
    state().appendEntry({ kind: 'results', results: [result(2)] });
    expect(state().entries.map((e) => e.id)).toEqual([2]);
  });
});

describe('persistence', () => {
  it('saves the script and history, and nothing live', () => {
    state().setScript('GET a');
    state().addToHistory('GET a', 5);
    state().appendEntry({ kind: 'results', results: [result(1)] });
    state().setHealth({ redis: 'down' });
    const saved = JSON.parse(localStorage.getItem('stampede-lab') ?? 'null') as { state: object };
    expect(saved.state).toEqual({ script: 'GET a', history: [{ script: 'GET a', at: 5 }] });
  });

  it('restores them after a reload and tells the editor', async () => {
    state().setScript('GET a');
    state().addToHistory('GET a', 5);
    const saved = localStorage.getItem('stampede-lab')!;
    resetStore();
    localStorage.setItem('stampede-lab', saved);
    await useAppStore.persist.rehydrate();
    expect(state()).toMatchObject({ script: 'GET a', history: [{ script: 'GET a', at: 5 }], scriptRevision: 1 });
  });

  it('resetStore forgets everything saved', () => {
    state().addToHistory('GET a');
    resetStore();
    expect(localStorage.getItem('stampede-lab')).toBeNull();
    expect(state().history).toEqual([]);
  });
});
