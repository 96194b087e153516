import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyEventHub } from '@/lib/server/events';
import { appRedis } from '@/lib/server/redis/client';
import { raceLearner } from '../support/customRace';
import { Client, MARK, seedVictim, type Victim } from './sessions';

/** A key of the app's own, outside every session (a workshop room's join code is one). */
const ROOM = `sl:code:CUSTOM${process.pid}`;
const WRITE = "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])\nreturn 1";
const REFUSED = /^The race stopped: client #\d+: Your read script was refused on line 1: .*A script in the race may use only your own keys/;
const NO_KEY = /Your read script was refused on line 1: The user executing the script can't access at least one of the keys/;

/** Races a hostile read script (with an honest write script) and answers the finished race. */
async function raceRead(read: string, clients = 5) {
  const view = await raceLearner().race({ clients, strategy: 'custom', custom: { read, write: WRITE }, backendLatencyMs: 10 });
  // Whatever the script tried, nothing of the victim's may come back in the race's answer.
  expect(JSON.stringify(view)).not.toContain(MARK);
  return view;
}

describe('a custom race’s scripts are contained like every other script (issue 15)', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
    await appRedis().set(ROOM, 'room');
  });
  afterAll(async () => {
    await victim.expectUnchanged();
    expect(await appRedis().get(ROOM)).toBe('room');
    await appRedis().del(ROOM);
  });

  it.each([
    ['KEYS', "return {'hit', table.concat(redis.call('KEYS', '*'), ',')}"],
    ['SCAN', "return {'hit', table.concat(redis.call('SCAN', 0, 'COUNT', 1000)[2], ',')}"],
  ])('refuses listing keys with %s: the race fails with a sentence and lists nothing', async (_, read) => {
    const view = await raceRead(read);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(REFUSED);
  });

  it.each([
    ['FLUSHALL', "redis.call('FLUSHALL') return {'compute', ARGV[1]}"],
    ['FLUSHDB', "redis.call('FLUSHDB') return {'compute', ARGV[1]}"],
    ['CONFIG SET', "redis.call('CONFIG', 'SET', 'maxmemory', '1') return {'compute', ARGV[1]}"],
    ['SCRIPT FLUSH', "redis.call('SCRIPT', 'FLUSH') return {'compute', ARGV[1]}"],
    ['ACL SETUSER', "redis.call('ACL', 'SETUSER', 'me', 'on', '+@all', '~*') return {'compute', ARGV[1]}"],
  ])('refuses %s, and the victim and the app’s keys are untouched', async (_, read) => {
    const view = await raceRead(read);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(REFUSED);
    await victim.expectUnchanged();
  });

  it('refuses writes and reads outside the session, by name or by a name computed from KEYS', async () => {
    const attacks = [
      `redis.call('SET', '${victim.prefix}secret', 'pwned') return {'compute', ARGV[1]}`,
      `redis.call('DEL', '${victim.keys.progress}') return {'compute', ARGV[1]}`,
      `redis.call('SET', '${ROOM}', 'pwned') return {'compute', ARGV[1]}`,
      `return {'hit', redis.call('GET', '${victim.prefix}secret')}`,
      // The race's own key with the victim's namespace put in its place.
      `local theirs = string.gsub(KEYS[1], '^sl:{%x+}:', '${victim.prefix.replace(/[{}]/g, '%$&')}') redis.call('SET', theirs, 'pwned') return {'compute', ARGV[1]}`,
      `local own = string.gsub(KEYS[1], ':race:.*$', '#progress') redis.call('DEL', own) return {'compute', ARGV[1]}`,
    ];
    for (const read of attacks) {
      const view = await raceRead(read);
      expect(view.status, read).toBe('failed');
      expect(view.error, read).toMatch(NO_KEY);
    }
    await victim.expectUnchanged();
  });

  it('stops an endless loop within a second, fails the race saying so, and a bystander’s command is answered meanwhile', async () => {
    const learner = raceLearner();
    const started = await learner.post({ clients: 3, strategy: 'custom', custom: { read: 'while true do end', write: WRITE } });
    expect(started.status).toBe(201);
    // The bystander's commands may meet the loop (Redis answers BUSY, and they are sent again): they are answered all the same.
    expect(await new Client().texts('SET mine 1\nGET mine')).toEqual(['OK', '"1"']);
    const view = await learner.finished(started.body.id!);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/Your read script ran for longer than half a second, so it was stopped/);
  });

  it('stops a race whose read script writes in a loop once the session’s keys changed more than 100,000 times in 10 s', async () => {
    // The hub counts the changes it hears; it listens once a keys panel is open, as in a workshop.
    await keyEventHub().mode();
    const read = "for i = 1, 30000 do redis.call('SET', KEYS[2], i) end return {'wait', 10}";
    const view = await raceLearner().race({ clients: 10, strategy: 'custom', custom: { read, write: WRITE } });
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/your scripts had changed keys more than 100,000 times in 10 s, and every keys panel here hears each change/);
    expect(await new Client().texts('SET mine 1\nGET mine')).toEqual(['OK', '"1"']);
  });

  it('stops a loop that starts only once the chunks have grown: one script is killed, the rest of its chunk does not run', async () => {
    // Clients 0–99 are cheap, so the chunks grow (1, 2, 4, … 64); from client 100 on every read loops.
    const read = "if tonumber(ARGV[1]) >= 100 then while true do end end return {'wait', 1}";
    const learner = raceLearner();
    const started = await learner.post({ clients: 1_000, strategy: 'custom', custom: { read, write: WRITE } });
    expect(started.status).toBe(201);
    expect(await new Client().texts('SET mine 1\nGET mine')).toEqual(['OK', '"1"']);
    const view = await learner.finished(started.body.id!);
    expect(view.status).toBe('failed');
    const killed = view.events.filter((event) => event.type === 'error' && /^Your read script ran for longer than half a second/.test(event.detail ?? ''));
    expect(killed).toHaveLength(1);
  });

  it.each([
    ['a value built with the string method', "return {'hit', ('x'):rep(1000000)}", /returned a value of 1000000 bytes; a race's answers are at most 64 KB/],
    ['a table of thousands of items', "local t = {'hit'} for i = 1, 5000 do t[#t + 1] = 'x' end return t", /returned a table of 5001 items/],
    ['a nested table', "return {'hit', {'x'}}", /returned a table inside its table/],
    ['string.rep past 64 KB', "return {'hit', string.rep('x', 1000000)}", /failed on line 1: string\.rep of more than 64 KB/],
  ])('holds back a huge reply (%s) in Redis and fails the race with a sentence', async (_, read, reason) => {
    const view = await raceRead(read);
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(reason);
  });

  it('refuses a script that tries to close the wrapper’s function and run at the top level', async () => {
    const refused = await raceLearner().post({
      clients: 5,
      strategy: 'custom',
      custom: { read: "end)() do return {0, {'hit', 'x'}} end (function()", write: WRITE },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/^Your read script does not compile on line 1: /);
  });

  it('refuses a script that reads the wrapper’s timer: its names are not the learner’s to know', async () => {
    const view = await raceRead("t0 = {0, 0} return {'hit', 'x'}");
    expect(view.status).toBe('failed');
    expect(view.error).toMatch(/Your read script failed on line 1: Attempt to modify a readonly table|Script attempted to create global variable/);
  });
});
