import { z } from 'zod';
import { BUILT_IN_IDS } from '@/lib/sim/settings';
import { MAX_NAME_LENGTH } from '@/lib/workshop/displayName';
import { DomainError } from '../errors';
import { firstIssue } from './commands';

export const MAX_ROOM_BODY_BYTES = 4 * 1024;

const joinBody = z.object({
  name: z
    .string({ error: 'Send the name the room should see, e.g. {"name": "Ada"}.' })
    .max(MAX_NAME_LENGTH, { error: `A name can be at most ${MAX_NAME_LENGTH} characters.` }),
});

const teacherBody = z.object({
  key: z.string({ error: 'Send the key from the teacher link, e.g. {"key": "…"}.' }).max(200, { error: 'That is not a teacher key.' }),
});

const pushBody = z.object({
  lesson: z.string({ error: 'Send the lesson to open, e.g. {"lesson": "stampede-lock", "step": 2}.' }).max(100),
  step: z.int({ error: 'Send "step" as a whole number, e.g. {"lesson": "stampede-lock", "step": 2}.' }).optional(),
});

const lockBody = z.object({
  locked: z.boolean({ error: 'Send whether the room is locked, e.g. {"locked": true}.' }),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new DomainError('refused', firstIssue(parsed.error));
  return parsed.data;
}

export const parseJoin = (body: unknown) => parse(joinBody, body);
export const parseTeacherKey = (body: unknown) => parse(teacherBody, body);
export const parsePush = (body: unknown) => parse(pushBody, body);
export const parseLock = (body: unknown) => parse(lockBody, body);

const MAX_SIMULATED_IN_CLASS_RACE = 1_000;

const classRaceBody = z.object({
  strategy: z.enum(BUILT_IN_IDS, { error: `"strategy" must be one of ${BUILT_IN_IDS.join(', ')}.` }).default('lock-poll'),
  simulatedClients: z
    .int({ error: '"simulatedClients" must be a whole number.' })
    .min(0)
    .max(MAX_SIMULATED_IN_CLASS_RACE, { error: `A class race can add at most ${MAX_SIMULATED_IN_CLASS_RACE.toLocaleString('en')} simulated clients.` })
    .default(20),
  backendLatencyMs: z
    .int({ error: '"backendLatencyMs" must be a whole number of ms.' })
    .min(0)
    .max(10_000, { error: 'Keep the backend under 10 s.' })
    .default(2_000),
});

const joinRaceBody = z.object({ raceId: z.string({ error: 'Send the race to join, e.g. {"raceId": "…"}.' }).max(40) });

export const parseClassRace = (body: unknown) => parse(classRaceBody, body);
export const parseJoinRace = (body: unknown) => parse(joinRaceBody, body);
