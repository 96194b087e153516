import { z } from 'zod';
import { MAX_NAME_LENGTH } from '@/lib/workshop/displayName';
import { HttpError } from '../http/errors';
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

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(422, firstIssue(parsed.error));
  return parsed.data;
}

export const parseJoin = (body: unknown) => parse(joinBody, body);
export const parseTeacherKey = (body: unknown) => parse(teacherBody, body);
export const parsePush = (body: unknown) => parse(pushBody, body);
