import 'server-only';
import { describeErrors, parseLessonMarkdown } from '@/lib/lessons/markdown/parseLesson';
import type { LineError } from '@/lib/lessons/markdown/checkLanguage';
import type { Lesson } from '@/lib/lessons/types';
import { appRedis } from '../redis/client';
import { roomKeys } from '../workshop/keys';
import { ROOM_TTL_SECONDS } from '../workshop/limits';

/**
 * Lessons a teacher pasted into a workshop. The Markdown source is kept in the room's own hash, so it
 * lives exactly as long as the room: the room's expiry and its closing remove it with the rest.
 */

const MAX_ROOM_LESSONS = 10;
/** Parsed lessons by source: every run of a participant checks against one, and parsing takes a few ms. */
const PARSED_CACHE = 100;
const parsedBySource = new Map<string, Lesson | undefined>();

function parsed(source: string): Lesson | undefined {
  if (parsedBySource.has(source)) return parsedBySource.get(source);
  // Stored lessons were checked when they were pasted; a later built-in or folder lesson may since have taken the slug.
  const lesson = parseLessonMarkdown(source).lesson;
  if (parsedBySource.size >= PARSED_CACHE) parsedBySource.delete(parsedBySource.keys().next().value!);
  parsedBySource.set(source, lesson);
  return lesson;
}

export type RoomLessonAdded = { lesson: Lesson; replaced: boolean } | { errors: LineError[]; lines: string[] };

/**
 * Checks a pasted lesson with the same parser as LESSONS_DIR, and keeps it for the room. `taken` says
 * which slugs belong to the built-in and folder lessons; pasting a lesson with the slug of one this
 * room already has replaces it (a teacher fixing a typo).
 */
export async function addRoomLesson(roomId: string, source: string, taken: (slug: string) => boolean): Promise<RoomLessonAdded> {
  const result = parseLessonMarkdown(source, { taken });
  if (!result.lesson) return { errors: result.errors, lines: describeErrors(result.errors) };
  const { lesson } = result;
  const key = roomKeys(roomId).lessons;
  const redis = appRedis();
  const [count, exists] = await Promise.all([redis.hlen(key), redis.hexists(key, lesson.slug)]);
  if (!exists && count >= MAX_ROOM_LESSONS) {
    const errors = [{ line: 1, message: `this workshop already has ${MAX_ROOM_LESSONS} pasted lessons, the most it may hold` }];
    return { errors, lines: describeErrors(errors) };
  }
  await redis.multi().hset(key, lesson.slug, source).expire(key, ROOM_TTL_SECONDS).exec();
  return { lesson, replaced: exists === 1 };
}

/** The room's pasted lessons, in slug order. */
export async function roomLessons(roomId: string): Promise<Lesson[]> {
  const all = await appRedis().hgetall(roomKeys(roomId).lessons);
  return Object.keys(all)
    .sort()
    .flatMap((slug) => {
      const lesson = parsed(all[slug]!);
      return lesson?.slug === slug ? [lesson] : [];
    });
}

export async function roomLesson(roomId: string, slug: string): Promise<Lesson | undefined> {
  const source = await appRedis().hget(roomKeys(roomId).lessons, slug);
  const lesson = source ? parsed(source) : undefined;
  return lesson?.slug === slug ? lesson : undefined;
}
