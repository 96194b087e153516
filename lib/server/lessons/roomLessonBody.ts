import { z } from 'zod';
import { MAX_LESSON_BYTES } from '@/lib/lessons/markdown/parseLesson';
import { DomainError } from '../errors';
import { firstIssue } from '../validation/commands';

/** The JSON around a lesson at its longest: quotes and newlines escaped take more room than the Markdown itself. */
export const MAX_ROOM_LESSON_BODY_BYTES = 2 * MAX_LESSON_BYTES + 4 * 1024;

const roomLessonBody = z.object({
  markdown: z.string({ error: 'Send the lesson as a "markdown" string, e.g. {"markdown": "---\\nslug: …"}.' }),
});

/** POST /api/rooms/<code>/lessons: the Markdown of one lesson; the parser checks the rest. */
export function parseRoomLessonBody(body: unknown): string {
  const parsed = roomLessonBody.safeParse(body ?? {});
  if (!parsed.success) throw new DomainError('refused', firstIssue(parsed.error));
  return parsed.data.markdown;
}
