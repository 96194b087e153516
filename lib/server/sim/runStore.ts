import 'server-only';
import { randomBytes } from 'node:crypto';
import type { FaultKind } from '@/lib/sim/faults';
import { DomainError } from '../errors';
import { channelFeed } from '../redis/channelFeed';
import { appRedis } from '../redis/client';
import { LuaScript } from '../redis/lua';
import type { Namespace } from '../session/namespace';
import { budgetKey, keysOf, listKey, runningKey } from './raceKeys';
import { applyFault, LIMITS, type SimRun } from './runs';
import { logFailure } from '../log/logger';

/**
 * A copy of every race in Redis, beside the session's keys, so that any app instance can answer
 * for it: the instance that runs a race writes its status, summary, new events and lane labels
 * every 100 ms; any other instance reads them (storedRace.ts), and forwards faults to the runner
 * over a sharded channel.
 */
export const STORE_EVERY_MS = 100;
/** The runner renews this while the race runs: a race whose runner died is not left "running". */
const ALIVE_MS = 10_000;

/** One running race per session, and budgets of races and clients per minute, whichever instance runs them. */
const CLAIM = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return {'running'} end
local now, window = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local recent = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
if #recent / 2 >= tonumber(ARGV[6]) then return {'runs', #recent / 2, recent[2]} end
local used = 0
for i = 1, #recent, 2 do used = used + tonumber(string.match(recent[i], ':(%d+)$')) end
if used + tonumber(ARGV[2]) > tonumber(ARGV[5]) then return {'budget', used} end
redis.call('ZADD', KEYS[2], now, ARGV[1] .. ':' .. ARGV[2])
redis.call('PEXPIRE', KEYS[2], window)
redis.call('SET', KEYS[1], 'starting', 'PX', ARGV[7])
return {'ok'}`);

/** Claims the session's race slot; answers how to give it back if the race cannot start after all. */
export async function claimRace(namespace: Namespace, clients: number): Promise<() => Promise<void>> {
  const entry = randomBytes(6).toString('hex');
  const now = Date.now();
  const args = [entry, clients, now, 60_000, LIMITS.clientsPerSessionPerMinute, LIMITS.runsPerSessionPerMinute, ALIVE_MS];
  const [answer, count, oldest] = (await CLAIM.run(appRedis(), [runningKey(namespace), budgetKey(namespace)], args)) as [Buffer, number?, Buffer?];
  switch (answer.toString()) {
    case 'running':
      throw new DomainError('over-quota', 'A race is already running in this session; one runs at a time. Wait for it to finish.');
    case 'runs': {
      const wait = Math.max(1, Math.ceil((Number(oldest!.toString()) + 60_000 - now) / 1000));
      throw new DomainError('over-quota', `You have started ${count} races in the last minute, the most one session may. Wait ${wait} s, then run again.`);
    }
    case 'budget':
      throw new DomainError(
        'over-quota',
        `This session has raced ${Number(count).toLocaleString('en')} clients in the last minute; the limit is ${LIMITS.clientsPerSessionPerMinute.toLocaleString('en')}. Wait a minute or use fewer clients.`,
      );
  }
  return async () => void (await appRedis().multi().del(runningKey(namespace)).zrem(budgetKey(namespace), `${entry}:${clients}`).exec());
}

/** Writes a race to Redis as it runs, and applies faults other instances forward; resolves once it is visible. */
export async function storeRun(namespace: Namespace, run: SimRun): Promise<void> {
  const redis = appRedis();
  const keys = keysOf(namespace, run.id);
  const { recorder, labels, keyLog } = run.race;
  /** Events already copied; -1 until the first copy, which also writes what never changes. */
  let stored = -1;
  let labelled = 0;
  let keyEventsStored = 0;
  let admitted = 0;
  let writes = Promise.resolve();
  const write = (final: boolean) => {
    const multi = redis.multi();
    if (stored < 0) {
      stored = 0;
      multi.hset(keys.meta, { settings: JSON.stringify(run.settings), startedAt: run.startedAt });
      multi.zadd(listKey(namespace), run.startedAt, run.id).pexpire(listKey(namespace), LIMITS.keptForMs);
    }
    const events = recorder.read(stored);
    stored += events.length;
    if (events.length) multi.rpush(keys.events, JSON.stringify(events));
    const keyEvents = keyLog.read(keyEventsStored);
    keyEventsStored += keyEvents.length;
    if (keyEvents.length) multi.rpush(keys.keyEvents, JSON.stringify(keyEvents));
    // Lanes are labelled and sessions let in one by one, so what is new is what comes after the last copy.
    if (labels.size > labelled) multi.rpush(keys.labels, JSON.stringify(Object.fromEntries([...labels].slice(labelled))));
    if (run.admitted.size > admitted) multi.hset(keys.admitted, Object.fromEntries([...run.admitted].slice(admitted)));
    labelled = labels.size;
    admitted = run.admitted.size;
    multi.hset(keys.meta, { status: run.status, summary: JSON.stringify(run.race.summary()), ...(run.error && { error: run.error }) });
    for (const key of [keys.meta, keys.events, keys.labels, keys.keyEvents, keys.admitted]) multi.pexpire(key, LIMITS.keptForMs);
    if (final) multi.del(runningKey(namespace));
    else multi.set(runningKey(namespace), run.id, 'PX', ALIVE_MS);
    writes = writes
      .then(() => multi.exec())
      .then(
        () => undefined,
        () => undefined,
      );
    return writes;
  };
  // The first copy and the fault channel go out together: one round trip before the POST answers.
  const copied = write(false);
  const faults = channelFeed().listen(
    keys.faults,
    (kind) => void applyFault(run, kind as FaultKind).catch(logFailure('applying a fault', { race: run.id, kind })),
  );
  const timer = setInterval(() => void write(false), STORE_EVERY_MS);
  void run.finished.then(async () => {
    clearInterval(timer);
    void faults.then((stop) => stop());
    await write(true);
    await forgetOldRuns(namespace);
  });
  await Promise.all([copied, faults]);
}

/** A session keeps its last races only; older ones go, as in the runner's memory. */
async function forgetOldRuns(namespace: Namespace): Promise<void> {
  const redis = appRedis();
  const old = await redis.zrange(listKey(namespace), 0, String(-LIMITS.keptPerSession - 1));
  if (old.length === 0) return;
  const keys = old.flatMap((id) => {
    const { meta, events, labels, keyEvents, admitted } = keysOf(namespace, id);
    return [meta, events, labels, keyEvents, admitted];
  });
  await redis
    .multi()
    .unlink(...keys)
    .zrem(listKey(namespace), ...old)
    .exec();
}
