import 'server-only';
import { LESSONS, lessonBySlug } from '@/lib/lessons/registry';
import type { Lesson } from '@/lib/lessons/types';
import { settings } from '../config';
import { log } from '../log/logger';
import { readCookie, SESSION_COOKIE, verifySessionCookie } from '../session/cookie';
import { namespaceOf, type Namespace } from '../session/namespace';
import { sessionSecret } from '../session/secret';
import { readPointer } from '../workshop/membership';
import { folderLessons } from './markdownSource';
import { roomLesson, roomLessons } from './roomLessons';

/**
 * Every lesson a session may open: the built-in ones, those of LESSONS_DIR, and those pasted into the
 * workshop it is in (as a participant or its teacher). Slugs are unique across all three: the folder
 * and a room refuse a slug already taken.
 */

/** Built-in and folder lessons: the same for everyone. */
export function sharedLessons(): Lesson[] {
  return [...LESSONS, ...folderLessons(settings().lessonsDir)];
}

export const isSharedSlug = (slug: string) => lessonBySlug(slug) !== undefined || folderLessons(settings().lessonsDir).some((l) => l.slug === slug);

function sharedLesson(slug: string): Lesson | undefined {
  return lessonBySlug(slug) ?? folderLessons(settings().lessonsDir).find((l) => l.slug === slug);
}

/** A lesson by slug, for this session; undefined when it may not open one by that name. */
export async function findLesson(slug: string, namespace: Namespace | undefined): Promise<Lesson | undefined> {
  const shared = sharedLesson(slug);
  if (shared || !namespace) return shared;
  const pointer = await readPointer(namespace);
  return pointer ? roomLesson(pointer.roomId, slug) : undefined;
}

/** A lesson by slug, as the given room's members see it. */
export async function findRoomLesson(roomId: string, slug: string): Promise<Lesson | undefined> {
  return sharedLesson(slug) ?? roomLesson(roomId, slug);
}

/** Every lesson this session may open, in the order the list shows them. */
export async function lessonsFor(namespace: Namespace | undefined): Promise<Lesson[]> {
  const pointer = namespace ? await readPointer(namespace) : undefined;
  return [...sharedLessons(), ...(pointer ? await roomLessons(pointer.roomId) : [])];
}

/** The session a page request carries, if the server issued it; a page never issues one. */
function namespaceFromCookies(cookieHeader: string | null): Namespace | undefined {
  const id = verifySessionCookie(readCookie(cookieHeader, SESSION_COOKIE), sessionSecret());
  return id ? namespaceOf(id) : undefined;
}

/** For a page: without Redis the page still lists (and opens) the lessons that need none. */
export async function lessonsForPage(cookieHeader: string | null): Promise<Lesson[]> {
  return lessonsFor(namespaceFromCookies(cookieHeader)).catch((error: unknown) => {
    log().warn({ err: error }, "Could not read the session's workshop lessons; the page lists the others");
    return sharedLessons();
  });
}

export async function findLessonForPage(slug: string, cookieHeader: string | null): Promise<Lesson | undefined> {
  return findLesson(slug, namespaceFromCookies(cookieHeader)).catch((error: unknown) => {
    log().warn({ err: error, slug }, "Could not read the session's workshop lessons");
    return undefined;
  });
}

/** Every lesson's title as the room's members see them: the dashboard names what each one is doing. */
export async function roomLessonTitles(roomId: string): Promise<Map<string, string>> {
  return new Map([...sharedLessons(), ...(await roomLessons(roomId))].map((lesson) => [lesson.slug, lesson.title]));
}
