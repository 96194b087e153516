import { describe, expect, it } from 'vitest';
import { CUSTOM_TEMPLATES } from '@/lib/sim/strategies/customTemplates';
import { raceLearner } from '../support/customRace';

const NAIVE = {
  read: "local v = redis.call('GET', KEYS[1])\nif v then return {'hit', v} end\nreturn {'compute', ARGV[1]}",
  write: "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])\nreturn 1",
};

describe('a custom strategy: the learner’s read and write scripts race on the real Redis', () => {
  it('a naive read path (always compute on a miss) stampedes: every client regenerates', async () => {
    const view = await raceLearner().race({ clients: 50, strategy: 'custom', custom: NAIVE, backendLatencyMs: 50, backendCapacity: 100 });
    expect(view.status).toBe('done');
    expect(view.summary).toMatchObject({ clients: 50, served: 50, failures: 0, regenerations: 50 });
  });

  it('a locking read path regenerates once, and the waiters are served the value it wrote', async () => {
    const view = await raceLearner().race({ clients: 1_000, strategy: 'custom', custom: CUSTOM_TEMPLATES['lock-safe'], backendLatencyMs: 100 });
    expect(view.status).toBe('done');
    expect(view.summary).toMatchObject({ clients: 1_000, served: 1_000, failures: 0, regenerations: 1 });
    expect(view.events.some((event) => event.type === 'wait')).toBe(true);
  });

  it('refuses a script that does not compile before the race starts, naming its line', async () => {
    const refused = await raceLearner().post({ clients: 10, strategy: 'custom', custom: { read: "local v = redis.call('GET', KEYS[1])\nif v then return {'hit', v}\nreturn {'compute', ARGV[1]}", write: NAIVE.write } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/^Your read script does not compile on line 3: .*'end' expected/);
  });

  it('refuses a custom race without its scripts, with a sentence', async () => {
    const refused = await raceLearner().post({ clients: 10, strategy: 'custom' });
    expect(refused).toEqual({ status: 422, body: { error: 'A "custom" race needs its two Lua scripts: "custom": { "read": "…", "write": "…" }.' } });
  });

  it('fails the client whose script returns a shape the race does not know, and ends the race with the reason', async () => {
    const view = await raceLearner().race({ clients: 20, strategy: 'custom', custom: { read: "return {'hit'}", write: NAIVE.write } });
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/^The race stopped: client #\d+: The read script returned \{'hit'\}: a 'hit' needs the value it serves, \{'hit', value\}\.$/);
    expect(view.summary.failures).toBe(20);
  });

  it('ends the race with Redis’s error, on the learner’s own line, when a script fails at run time', async () => {
    const view = await raceLearner().race({ clients: 5, strategy: 'custom', custom: { read: "local x = 1\nreturn {'hit', undefinedThing.v}", write: NAIVE.write } });
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/Your read script failed on line 2: .*undefinedThing/);
  });

  it('fails a client whose read script waits forever, saying so', async () => {
    const view = await raceLearner().race({ clients: 3, strategy: 'custom', clientTimeoutMs: 300, custom: { read: "return {'wait', 50}", write: NAIVE.write } });
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/waited past the client timeout \(300 ms\): the read script answered \{'wait', ms\} \d+ times/);
  });
});
