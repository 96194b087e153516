import { lessonBySlug } from '@/lib/lessons/registry';
import type { Lesson } from '@/lib/lessons/types';
import { HttpError } from './errors';

/** The lesson a URL names, or a 404 that says where the list is. */
export function lessonOr404(slug: string): Lesson {
  const lesson = lessonBySlug(slug);
  if (!lesson) throw new HttpError(404, `There is no lesson called "${slug}". GET /api/lessons lists them.`);
  return lesson;
}
