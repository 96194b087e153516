import { log } from '../log/logger';
import { metrics } from './registry';

/**
 * What the person running the workshop hears about: each event is one log line and a metric. Lines
 * name sessions by namespace id (a hash, not the cookie) and commands by name, never by their text.
 */

/** A run's refused lines, one log line per reason: `commands` are the refused commands' names. */
export function recordRefusals(session: string, reason: string, commands: string[]): void {
  if (commands.length === 0) return;
  metrics().refused.inc({ reason }, commands.length);
  log().info({ session, reason, count: commands.length, commands: [...new Set(commands)].slice(0, 20) }, 'commands refused');
}

/** Lines a run sent to Redis, and how long each took there. */
export function recordCommands(ms: number[]): void {
  const { commands, commandSeconds } = metrics();
  commands.inc(ms.length);
  for (const one of ms) commandSeconds.observe(one / 1000);
}

export function recordRateLimit(session: string, sent: number, budget: number): void {
  metrics().refused.inc({ reason: 'rate-limit' }, sent);
  log().info({ session, sent, budget }, 'command budget spent: answered 429');
}

export function recordKeyChangeLimit(session: string, sent: number, changes: number): void {
  metrics().refused.inc({ reason: 'key-changes' }, sent);
  log().info({ session, sent, changes: Math.round(changes) }, 'keys changed too often: answered 429');
}

export function recordStream(change: 1 | -1): void {
  metrics().streams.inc(change);
}

export function recordRaceStart(race: { id: string; owner: string; settings: { strategy: string; clients: number } }, admissionWindowMs: number): void {
  metrics().races.inc();
  metrics().clientsRacing.inc(race.settings.clients);
  log().info({ race: race.id, owner: race.owner, strategy: race.settings.strategy, clients: race.settings.clients, admissionWindowMs }, 'race started');
}

/** One more browser stepped into a running race (a class race's participant). */
export function recordRaceAdmission(): void {
  metrics().clientsRacing.inc();
}

export function recordRaceEnd(race: {
  id: string;
  owner: string;
  status: string;
  error?: string;
  settings: { clients: number };
  admitted: Map<unknown, unknown>;
  startedAt: number;
}): void {
  metrics().races.dec();
  metrics().clientsRacing.dec(race.settings.clients + race.admitted.size);
  const fields = {
    race: race.id,
    owner: race.owner,
    status: race.status,
    clients: race.settings.clients,
    admitted: race.admitted.size,
    ms: Date.now() - race.startedAt,
  };
  if (race.error) log().warn({ ...fields, error: race.error }, 'race ended');
  else log().info(fields, 'race ended');
}

export function recordRoom(change: 'opened' | 'closed', room: { id: string; code: string }, by: string, participants?: number): void {
  log().info({ room: room.id, code: room.code, by, ...(participants !== undefined && { participants }) }, `room ${change}`);
}

/** `connection` names which of the app's connections it was (app, subscriber, …). */
export function recordRedisLost(connection: string): void {
  log().warn({ connection }, 'Redis connection lost; reconnecting');
}

export function recordRedisReconnect(connection: string): void {
  metrics().reconnects.inc({ connection });
  log().info({ connection }, 'Redis connection back');
}
