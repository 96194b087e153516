import { describe, expect, it } from 'vitest';
import { KeyLog } from './keyLog';
import { raceKeys } from './value';

const keys = raceKeys('r');

describe('the key log', () => {
  it('shows readers events in order, each only once the state read after its write has come back', async () => {
    let now = 0;
    const log = new KeyLog(keys, () => now);
    let answer!: (state: { value: string | null; ttlMs: number | null }) => void;
    now = 5;
    log.notice({ key: keys.lock, event: 'set', state: new Promise((resolve) => (answer = resolve)) });
    now = 9;
    log.notice({ key: keys.lock, event: 'del' });
    log.notice({ key: 'someone-else', event: 'set' });
    expect(log.read()).toEqual([]);
    answer({ value: '7-9f3a', ttlMs: 995 });
    await Promise.resolve();
    await Promise.resolve();
    expect(log.read()).toEqual([
      { t: 5, role: 'lock', key: keys.lock, op: 'set', ttlMs: 995, holder: 7 },
      { t: 9, role: 'lock', key: keys.lock, op: 'del', holder: 7 },
    ]);
  });

  it('keeps at most its cap, and says it dropped some', () => {
    const log = new KeyLog(keys, () => 0, 2);
    for (const event of ['del', 'expired', 'del']) log.notice({ key: keys.data, event });
    expect(log.read().map((e) => e.op)).toEqual(['del', 'expired']);
    expect(log.truncated).toBe(true);
  });
});
