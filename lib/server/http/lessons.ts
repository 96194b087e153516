import type { Lesson } from '@/lib/lessons/types';
import { findLesson } from '../lessons/catalog';
import type { Namespace } from '../session/namespace';
import { HttpError } from './errors';

/** The lesson a request names, as this session may open it, or `status` with a sentence that says where the list is. */
export async function lessonOr404(slug: string, namespace: Namespace, status: 404 | 422 = 404): Promise<Lesson> {
  const lesson = await findLesson(slug, namespace);
  if (!lesson) throw new HttpError(status, `There is no lesson called "${slug.slice(0, 60)}". GET /api/lessons lists them.`);
  return lesson;
}
