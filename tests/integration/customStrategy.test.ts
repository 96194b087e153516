import { describe, expect, it } from 'vitest';
import { POST as checkScripts } from '@/app/api/sim/scripts/route';
import { CUSTOM_TEMPLATES, TEMPLATE_IDS } from '@/lib/sim/strategies/customTemplates';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { raceLearner } from '../support/customRace';

const check = async (body: unknown) => {
  const response = await checkScripts(
    new Request('http://app/api/sim/scripts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
  return { status: response.status, body: await response.json() };
};

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

  it('races many keys: each client’s KEYS are its own cache key and its lock, so a lock per key regenerates once per key', async () => {
    const view = await raceLearner().race({ clients: 200, keys: 5, strategy: 'custom', custom: CUSTOM_TEMPLATES['lock-safe'], backendLatencyMs: 50 });
    expect(view.status).toBe('done');
    expect(view.summary).toMatchObject({ served: 200, failures: 0, regenerations: 5 });
  });

  it('refuses a script that does not compile before the race starts, naming its line', async () => {
    const refused = await raceLearner().post({
      clients: 10,
      strategy: 'custom',
      custom: { read: "local v = redis.call('GET', KEYS[1])\nif v then return {'hit', v}\nreturn {'compute', ARGV[1]}", write: NAIVE.write },
    });
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
    const view = await raceLearner().race({
      clients: 5,
      strategy: 'custom',
      custom: { read: "local x = 1\nreturn {'hit', undefinedThing.v}", write: NAIVE.write },
    });
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/Your read script failed on line 2: .*undefinedThing/);
  });

  it('fails a client whose read script waits forever, saying so', async () => {
    const view = await raceLearner().race({
      clients: 3,
      strategy: 'custom',
      clientTimeoutMs: 300,
      custom: { read: "return {'wait', 50}", write: NAIVE.write },
    });
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/waited past the client timeout \(300 ms\): the read script answered \{'wait', ms\} \d+ times/);
  });

  it('checks the scripts before a race: the line of a syntax error, or ok', async () => {
    expect(await check(CUSTOM_TEMPLATES['lock-safe'])).toEqual({ status: 200, body: { ok: true } });
    const broken = await check({ read: NAIVE.read, write: "redis.call('SET', KEYS[1], ARGV[2], 'PX' ARGV[3])\nreturn 1" });
    expect(broken).toEqual({
      status: 422,
      body: { ok: false, script: 'write', line: 1, error: "Your write script does not compile on line 1: ')' expected near 'ARGV'." },
    });
    expect(await check({ read: NAIVE.read })).toEqual({ status: 422, body: { error: '"custom.write" must be the write script\'s Lua source, as a string.' } });
  });
});

describe('each built-in strategy and its custom form', () => {
  it.each(TEMPLATE_IDS)('%s: the built-in and its template make the same regenerations for the same seed', async (id) => {
    const learner = raceLearner();
    const common = { clients: 200, seed: 42, backendLatencyMs: 80, backendCapacity: 200, initialCache: STRATEGIES[id].initialCache };
    const builtIn = await learner.race({ ...common, strategy: id });
    const custom = await learner.race({ ...common, strategy: 'custom', custom: CUSTOM_TEMPLATES[id] });
    expect(custom.status).toBe('done');
    expect(custom.summary).toMatchObject({ served: 200, failures: 0, regenerations: builtIn.summary.regenerations });
  });
});
