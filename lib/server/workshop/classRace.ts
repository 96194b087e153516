import 'server-only';
import { settingsSchema, type StrategyId } from '@/lib/sim/settings';
import type { RoomEvent } from '@/lib/workshop/types';
import { DomainError } from '../errors';
import type { Session } from '../session/namespace';
import { appRedis } from '../redis/client';
import { enterRace, startRace, watchRace } from '../sim/races';
import { announce } from './feed';
import { roomKeys, roomNamespace } from './keys';
import { requireMember } from './membership';
import type { Room } from './rooms';

/** Long enough for every browser to hear of the race, open its page and step in. */
export const CLASS_RACE_ADMISSION_MS = 6_000;

export interface ClassRaceRequest {
  strategy: StrategyId;
  simulatedClients: number;
  backendLatencyMs: number;
}

/**
 * The teacher's race: every participant's browser is one client of the room's own cache key, beside
 * the simulated ones, who arrive spread over the same window as the people do. The lock outlives
 * the backend, so a lock strategy shows one regeneration unless the teacher injects a fault.
 */
export async function startClassRace(room: Room, teacher: Session, request: ClassRaceRequest): Promise<string> {
  const settings = {
    ...settingsSchema.parse({
      strategy: request.strategy,
      arrival: 'window',
      windowMs: CLASS_RACE_ADMISSION_MS,
      backendLatencyMs: request.backendLatencyMs,
      // The backend's own time is the teacher's choice (up to 10 s); it must not also be its timeout.
      backendTimeoutMs: request.backendLatencyMs + 5_000,
      lockTtlMs: request.backendLatencyMs + 2_000,
      cacheTtlMs: 60_000,
      clientTimeoutMs: 30_000,
    }),
    clients: request.simulatedClients,
  };
  const run = await startRace(roomNamespace(room.id), settings, { viewers: [teacher.id], admissionWindowMs: CLASS_RACE_ADMISSION_MS });
  await appRedis().hset(roomKeys(room.id).meta, { raceId: run.id, raceStartedAt: Date.now() });
  await announce(room.id, { type: 'race', raceId: run.id, admissionMs: CLASS_RACE_ADMISSION_MS });
  return run.id;
}

/**
 * The class race still letting clients in, as an announcement: pub/sub keeps no history, so a
 * browser whose room stream was reconnecting (after a push opened another page) hears it this way.
 */
export async function openClassRace(room: Room): Promise<RoomEvent | undefined> {
  const [raceId, startedAt] = await appRedis().hmget(roomKeys(room.id).meta, 'raceId', 'raceStartedAt');
  const remaining = CLASS_RACE_ADMISSION_MS - (Date.now() - Number(startedAt));
  return raceId && remaining > 0 ? { type: 'race', raceId, admissionMs: remaining } : undefined;
}

export type RaceEntry = { client: number } | { watching: true; reason?: string };

/**
 * A member's browser steps into the class race: a participant as one more client while the window
 * is open, anyone in the room as a viewer otherwise. Asking again answers the same lane. Any app
 * instance may take the request, whichever one runs the race (see sim/raceAccess.ts).
 */
export async function joinClassRace(room: Room, session: Session, raceId: string): Promise<RaceEntry> {
  const member = await requireMember(session, room);
  if ((await appRedis().hget(roomKeys(room.id).meta, 'raceId')) !== raceId) {
    throw new DomainError('not-found', `Workshop ${room.code} has no race ${raceId.slice(0, 40)}.`);
  }
  const owner = roomNamespace(room.id);
  if (member.role === 'participant') {
    try {
      return { client: await enterRace(owner, raceId, session, member.name) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      await watchRace(owner, raceId, session);
      return { watching: true, reason: error.message };
    }
  }
  await watchRace(owner, raceId, session);
  return { watching: true };
}
