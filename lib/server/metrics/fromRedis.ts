import 'server-only';
import { Gauge } from 'prom-client';
import { appRedis } from '../redis/client';
import { scanTargets } from '../redis/topology';
import { SESSIONS_KEY } from '../redisKeys';
import { codeKey, roomKeys } from '../workshop/keys';
import { metrics } from './registry';

/** A session counts as active when it ran a command this recently. */
const ACTIVE_WINDOW_MS = 5 * 60_000;

/** Every room's id, from its join code: rooms live only in Redis, so every instance reports them all. */
async function roomIds(): Promise<string[]> {
  const redis = appRedis();
  const codes: string[] = [];
  for (const node of await scanTargets(redis, codeKey('*'))) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', codeKey('*'), 'COUNT', 1000);
      cursor = next;
      codes.push(...batch);
    } while (cursor !== '0');
  }
  const ids = await Promise.all(codes.map((code) => redis.get(code)));
  return ids.filter((id): id is string => id !== null);
}

/** While Redis does not answer, a gauge read from it is NaN (unknown) rather than failing the whole scrape. */
const orNaN = <T>(work: Promise<T>): Promise<T | number> => work.catch(() => Number.NaN);

/**
 * What is shared by every instance is read from Redis when Prometheus scrapes, not counted here:
 * sessions, rooms and their participants, and Redis's round trip from this instance.
 */
function build(): void {
  const registers = [metrics().registry];
  new Gauge({
    name: 'stampede_sessions_active',
    help: `Sessions that ran a command in the last ${ACTIVE_WINDOW_MS / 60_000} minutes, on any instance.`,
    registers,
    async collect() {
      this.set(await orNaN(appRedis().zcount(SESSIONS_KEY, Date.now() - ACTIVE_WINDOW_MS, '+inf')));
    },
  });
  const participants = new Gauge({ name: 'stampede_room_participants', help: 'Participants in all open workshop rooms.', registers });
  new Gauge({
    name: 'stampede_rooms_open',
    help: 'Workshop rooms open, on any instance.',
    registers,
    async collect() {
      const rooms = await orNaN(roomIds().then((ids) => Promise.all(ids.map((id) => appRedis().hlen(roomKeys(id).members)))));
      this.set(typeof rooms === 'number' ? rooms : rooms.length);
      participants.set(typeof rooms === 'number' ? rooms : rooms.reduce((sum, n) => sum + n, 0));
    },
  });
  new Gauge({
    name: 'stampede_redis_round_trip_seconds',
    help: 'A PING from this instance to Redis and back, timed at the scrape (NaN while Redis does not answer).',
    registers,
    async collect() {
      const started = performance.now();
      const answered = await appRedis()
        .ping()
        .then(
          () => true,
          () => false,
        );
      this.set(answered ? (performance.now() - started) / 1000 : Number.NaN);
    },
  });
}

/** The metrics as Prometheus text, and its content type. */
export async function scrape(): Promise<{ contentType: string; text: string }> {
  const { registry } = metrics();
  if (!registry.getSingleMetric('stampede_sessions_active')) build();
  return { contentType: registry.contentType, text: await registry.metrics() };
}
