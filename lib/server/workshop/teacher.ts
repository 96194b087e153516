import 'server-only';
import { lessonBySlug } from '@/lib/lessons/registry';
import { HttpError } from '../http/errors';
import { appRedis } from '../redis/client';
import { unlinkMatching } from '../session/lifecycle';
import { namespaceById, type Namespace } from '../session/namespace';
import { announce } from './feed';
import { activityKey, codeKey, membershipKey, roomKeys, roomNamespace } from './keys';
import { findMember, listMembers, recordPush, type Room } from './rooms';

/** Sends everyone to a lesson, or to one step of it. */
export async function pushLesson(room: Room, slug: string, step?: number): Promise<void> {
  const lesson = lessonBySlug(slug);
  if (!lesson) throw new HttpError(422, `There is no lesson called "${slug.slice(0, 60)}". GET /api/lessons lists them.`);
  if (step !== undefined && (step < 1 || step > lesson.steps.length)) {
    throw new HttpError(422, `"${lesson.title}" has steps 1 to ${lesson.steps.length}; there is no step ${step}.`);
  }
  await recordPush(room, slug, step);
  await announce(room.id, { type: 'push', lesson: slug, ...(step !== undefined && { step }) });
}

/** A participant's work, gone: their keys, lesson progress, command log, usage and dashboard activity. */
async function wipeLearner(namespace: Namespace): Promise<void> {
  const redis = appRedis();
  await unlinkMatching(redis, `${namespace.prefix}*`);
  const internal = ['progress', 'log', 'usage'].map((name) => namespace.internalKey(name));
  await redis.unlink(...internal, activityKey(namespace));
}

export async function resetMember(room: Room, memberId: string): Promise<void> {
  const member = await findMember(room, memberId);
  await wipeLearner(namespaceById(member.ns));
  await announce(room.id, { type: 'reset', memberId });
}

/** Closing a room deletes everything it made: every participant's work, the class race's keys, the room. */
export async function closeRoom(room: Room): Promise<number> {
  const redis = appRedis();
  const members = await listMembers(room);
  for (const member of members) {
    const namespace = namespaceById(member.ns);
    await wipeLearner(namespace);
    await redis.unlink(membershipKey(namespace));
  }
  await unlinkMatching(redis, `${roomNamespace(room.id).prefix}*`);
  const keys = roomKeys(room.id);
  await announce(room.id, { type: 'closed' });
  await Promise.all([keys.meta, keys.members, keys.teachers, codeKey(room.code)].map((key) => redis.unlink(key)));
  return members.length;
}
