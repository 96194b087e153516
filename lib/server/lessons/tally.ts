import 'server-only';
import { tallyClass, type ClassTally } from '@/lib/lessons/tally';
import { appRedis } from '../redis/client';
import { namespaceById } from '../session/namespace';
import { sharedLessons } from './catalog';
import { readProgressFields } from './progressStore';
import { roomLessons } from './roomLessons';

/** The class's predictions and opened solutions, from each participant's progress hash. */
export async function classTally(members: { name: string; ns: string }[], roomId: string): Promise<ClassTally> {
  const redis = appRedis();
  const lessons = new Map([...sharedLessons(), ...(await roomLessons(roomId))].map((lesson) => [lesson.slug, lesson]));
  // One command per member, not one pipeline: members live in different cluster slots.
  const fields = await Promise.all(members.map((member) => readProgressFields(redis, namespaceById(member.ns))));
  return tallyClass(
    members.map((member, i) => ({ name: member.name, fields: fields[i]! })),
    (slug) => lessons.get(slug),
  );
}
