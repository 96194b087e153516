import 'server-only';
import { randomBytes } from 'node:crypto';
import type { FaultKind } from '@/lib/sim/faults';
import type { SimEvent, Summary } from '@/lib/sim/types';
import { HttpError } from '../http/errors';
import { channelFeed, publish } from '../redis/channelFeed';
import { appRedis } from '../redis/client';
import { LuaScript } from '../redis/lua';
import type { Namespace } from '../session/namespace';
import { applyFault, LIMITS, type RunStatus, type RunView, type SimRun } from './runs';

/**
 * A copy of every race in Redis, beside the session's keys, so that any app instance can answer
 * for it: the instance that runs a race writes its status, summary and new events every 100 ms;
 * any other instance reads them, and forwards faults to the runner over a sharded channel.
 */
export const STORE_EVERY_MS = 100;
/** The runner renews this while the race runs: a race whose runner died is not left "running". */
const ALIVE_MS = 10_000;

const keysOf = (namespace: Namespace, id: string) => ({
  meta: namespace.internalKey(`race:${id}`),
  events: namespace.internalKey(`race:${id}:events`),
  faults: namespace.internalKey(`race:${id}:faults`),
});
const runningKey = (namespace: Namespace) => namespace.internalKey('race:running');
const budgetKey = (namespace: Namespace) => namespace.internalKey('race:budget');
const listKey = (namespace: Namespace) => namespace.internalKey('races');

export const notFound = () => new HttpError(404, 'There is no race with this id in your session.');

/** One running race per session, and a clients-per-minute budget, whichever instance runs them. */
const CLAIM = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return {'running'} end
local now, window = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local used = 0
for _, entry in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do used = used + tonumber(string.match(entry, ':(%d+)$')) end
if used + tonumber(ARGV[2]) > tonumber(ARGV[5]) then return {'budget', used} end
redis.call('ZADD', KEYS[2], now, ARGV[1] .. ':' .. ARGV[2])
redis.call('PEXPIRE', KEYS[2], window)
redis.call('SET', KEYS[1], 'starting', 'PX', ARGV[6])
return {'ok'}`);

/** Claims the session's race slot; answers how to give it back if the race cannot start after all. */
export async function claimRace(namespace: Namespace, clients: number): Promise<() => Promise<void>> {
  const entry = randomBytes(6).toString('hex');
  const [answer, used] = (await CLAIM.run(appRedis(), [runningKey(namespace), budgetKey(namespace)], [entry, clients, Date.now(), 60_000, LIMITS.clientsPerSessionPerMinute, ALIVE_MS])) as [Buffer, number?];
  if (answer.toString() === 'running') {
    throw new HttpError(429, 'A race is already running in this session; they share the keys cache:data and cache:lock. Wait for it to finish.');
  }
  if (answer.toString() === 'budget') {
    throw new HttpError(429, `This session has raced ${Number(used).toLocaleString('en')} clients in the last minute; the limit is ${LIMITS.clientsPerSessionPerMinute.toLocaleString('en')}. Wait a minute or use fewer clients.`);
  }
  return async () => void (await appRedis().multi().del(runningKey(namespace)).zrem(budgetKey(namespace), `${entry}:${clients}`).exec());
}

/** Writes a race to Redis as it runs, and applies faults other instances forward; resolves once it is visible. */
export async function storeRun(namespace: Namespace, run: SimRun): Promise<void> {
  const redis = appRedis();
  const keys = keysOf(namespace, run.id);
  /** Events already copied; -1 until the first copy, which also writes what never changes. */
  let stored = -1;
  let writes = Promise.resolve();
  const write = (final: boolean) => {
    const multi = redis.multi();
    if (stored < 0) {
      stored = 0;
      multi.hset(keys.meta, { settings: JSON.stringify(run.settings), startedAt: run.startedAt });
      multi.zadd(listKey(namespace), run.startedAt, run.id).pexpire(listKey(namespace), LIMITS.keptForMs);
    }
    const events = run.race.recorder.events.slice(stored);
    stored += events.length;
    if (events.length) multi.rpush(keys.events, JSON.stringify(events));
    multi.hset(keys.meta, { status: run.status, summary: JSON.stringify(run.race.summary()), ...(run.error && { error: run.error }) });
    multi.pexpire(keys.meta, LIMITS.keptForMs).pexpire(keys.events, LIMITS.keptForMs);
    if (final) multi.del(runningKey(namespace));
    else multi.set(runningKey(namespace), run.id, 'PX', ALIVE_MS);
    writes = writes.then(() => multi.exec()).then(
      () => undefined,
      () => undefined,
    );
    return writes;
  };
  // The first copy and the fault channel go out together: one round trip before the POST answers.
  const copied = write(false);
  const faults = channelFeed().listen(keys.faults, (kind) => void applyFault(run, kind as FaultKind).catch(() => undefined));
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
  const keys = old.flatMap((id) => [keysOf(namespace, id).meta, keysOf(namespace, id).events]);
  await redis.multi().unlink(...keys).zrem(listKey(namespace), ...old).exec();
}

interface StoredState {
  status: RunStatus;
  summary: Summary;
  error?: string;
  settings: RunView['settings'];
}

/** Status, summary and the events from `from` (in stored chunks) on; undefined when there is no such race. */
async function readStored(namespace: Namespace, id: string, from: number | undefined) {
  const keys = keysOf(namespace, id);
  // Status before events: once "done" is read, the final events are already there.
  const multi = appRedis().multi().hgetall(keys.meta).get(runningKey(namespace));
  if (from !== undefined) multi.lrange(keys.events, from, -1);
  const [[, meta], [, running], events] = (await multi.exec()) as [[null, Record<string, string>], [null, string | null], [null, string[]]?];
  if (!meta.status) return undefined;
  const lost = meta.status === 'running' && running !== id;
  const state: StoredState = {
    status: lost ? 'failed' : (meta.status as RunStatus),
    summary: JSON.parse(meta.summary!) as Summary,
    settings: JSON.parse(meta.settings!) as RunView['settings'],
    ...((lost || meta.error) && { error: lost ? 'The race stopped: the app instance running it went away.' : meta.error }),
  };
  const chunks = events?.[1] ?? [];
  return { state, chunks: chunks.length, events: chunks.flatMap((chunk) => JSON.parse(chunk) as SimEvent[]) };
}

/** A race this instance does not run, as its runner last stored it. */
export async function storedView(namespace: Namespace, id: string, withEvents: boolean): Promise<RunView> {
  const stored = await readStored(namespace, id, withEvents ? 0 : undefined);
  if (!stored) throw notFound();
  return { id, ...stored.state, events: stored.events };
}

/** Follows a stored race: calls `onEvents` with what is new, until the race ends; answers its end state. */
export async function followStored(namespace: Namespace, id: string, onEvents: (events: SimEvent[], summary: Summary) => void, stopped: () => boolean): Promise<StoredState | undefined> {
  let chunks = 0;
  for (;;) {
    const stored = await readStored(namespace, id, chunks);
    if (!stored) throw notFound();
    chunks += stored.chunks;
    if (stored.events.length) onEvents(stored.events, stored.state.summary);
    if (stored.state.status !== 'running' || stopped()) return stored.state;
    await new Promise((resolve) => setTimeout(resolve, STORE_EVERY_MS));
  }
}

/** Hands a fault to the instance that runs the race. */
export async function forwardFault(namespace: Namespace, id: string, kind: FaultKind): Promise<void> {
  const finished = new HttpError(409, 'This race has finished; faults apply to a running race.');
  const stored = await readStored(namespace, id, undefined);
  if (!stored) throw notFound();
  if (stored.state.status !== 'running') throw finished;
  if ((await publish(keysOf(namespace, id).faults, kind)) === 0) throw finished;
}
