import 'server-only';
import { DomainError } from '../errors';

/**
 * How an app instance shares its race capacity between sessions. A race costs the CPU of the
 * instance that runs it, so the capacity is each instance's own; a session runs one race at a time
 * across all instances (runStore.ts claims it in Redis), so one session holds at most one race,
 * at most 10,000 clients: half an instance.
 *
 * Capacity alone let two 10,000-client races fill an instance and refuse everyone else. So races
 * over `SMALL_RACE` clients ("big" races) share a pool that leaves `KEPT_FOR_SMALL` clients and
 * race slots free for the rest: a learner's 10/100/1,000 presets and every class race (at most
 * 1,000 simulated clients) start while big races run. Big races take turns in order of asking
 * (`line`), so a session that posts again the moment its big race ends cannot keep the pool from
 * one that has been waiting.
 */
export const CAPACITY = {
  races: 24,
  clients: 20_000,
  /** Races of at most this many clients never wait for big ones. */
  smallRace: 1_000,
  keptForSmall: { races: 6, clients: 4_000 },
  /** A waiting session keeps its place in line this long after each try. */
  holdPlaceMs: 10_000,
};

export interface Running {
  owner: string;
  clients: number;
}

/** Sessions waiting for the big-race pool, first asked first; the value is when each last tried. */
const globalForLine = globalThis as unknown as { stampedeRaceLine?: Map<string, number> };
const line = () => (globalForLine.stampedeRaceLine ??= new Map());

const count = (n: number) => n.toLocaleString('en');
const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

/** The sessions before `owner` in line, once places nobody kept are dropped. */
function waitingBefore(owner: string, now: number): number {
  let before = 0;
  for (const [waiting, triedAt] of line()) {
    if (now - triedAt > CAPACITY.holdPlaceMs) line().delete(waiting);
    else if (waiting === owner) return before;
    else before += 1;
  }
  return before;
}

/**
 * Throws 429 when this instance cannot start `owner`'s race of `clients` beside the `running`
 * ones: for everyone only when the instance is full; for a big race, when the big-race pool has no
 * room for it or another session waits for the pool before it (the refused session takes a place
 * in line).
 */
export function checkShare(owner: string, clients: number, running: Running[], now = Date.now()): void {
  const racing = running.reduce((sum, run) => sum + run.clients, 0);
  if (running.length >= CAPACITY.races || racing + clients > CAPACITY.clients) {
    throw new DomainError('over-quota', 'The server is running as many races as it can right now. Try again in a few seconds.');
  }
  if (clients <= CAPACITY.smallRace) return;
  const big = running.filter((run) => run.clients > CAPACITY.smallRace);
  const bigClients = big.reduce((sum, run) => sum + run.clients, 0);
  const pool = { races: CAPACITY.races - CAPACITY.keptForSmall.races, clients: CAPACITY.clients - CAPACITY.keptForSmall.clients };
  const before = waitingBefore(owner, now);
  if (before === 0 && big.length < pool.races && bigClients + clients <= pool.clients) return;
  line().set(owner, now);
  const place =
    before === 0
      ? 'You are first in line for it'
      : `${before} ${before === 1 ? 'session waits' : 'sessions wait'} for it before you; you are ${ordinal(before + 1)} in line`;
  throw new DomainError(
    'over-quota',
    `Races of more than ${count(CAPACITY.smallRace)} clients share ${count(pool.clients)} of this server's ${count(CAPACITY.clients)} clients, so that smaller races can always start; ` +
      `${count(bigClients)} are racing in them now, and yours needs ${count(clients)}. ${place}: run again in a few seconds (within ${CAPACITY.holdPlaceMs / 1000} s, to keep your place), or race at most ${count(CAPACITY.smallRace)} clients now.`,
  );
}

/** The session's big race has started: its place in line is free. */
export function leaveLine(owner: string): void {
  line().delete(owner);
}
