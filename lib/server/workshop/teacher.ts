import 'server-only';
import { DomainError } from '../errors';
import { findRoomLesson } from '../lessons/catalog';
import { appRedis } from '../redis/client';
import { unlinkMatching } from '../session/lifecycle';
import { namespaceById, type Namespace } from '../session/namespace';
import { announce } from './feed';
import { activityKey, codeKey, roomKeys, roomNamespace } from './keys';
import { ROOM_TTL_SECONDS } from './limits';
import { currentParticipant, releaseMembership } from './membership';
import { recordPush, type Member, type Room } from './rooms';
import { recordRoom } from '../metrics/record';

/** Sends everyone to a lesson, or to one step of it. */
export async function pushLesson(room: Room, slug: string, step?: number): Promise<void> {
  const lesson = await findRoomLesson(room.id, slug);
  if (!lesson) throw new DomainError('refused', `There is no lesson called "${slug.slice(0, 60)}". GET /api/lessons lists them.`);
  if (step !== undefined && (step < 1 || step > lesson.steps.length)) {
    throw new DomainError('refused', `"${lesson.title}" has steps 1 to ${lesson.steps.length}; there is no step ${step}.`);
  }
  await recordPush(room, slug, step);
  await announce(room.id, { type: 'push', lesson: slug, ...(step !== undefined && { step }) });
}

/** A participant's work, gone: their keys, lesson progress, command log, usage and dashboard activity. */
async function wipeLearner(namespace: Namespace): Promise<void> {
  const redis = appRedis();
  await unlinkMatching(redis, `${namespace.prefix}*`);
  const internal = [namespace.keys.progress, namespace.keys.log, namespace.keys.usage];
  await redis.unlink(...internal, activityKey(namespace));
}

/** Only a participant in the room now: one who moved to another room is that room's business. */
export async function resetMember(room: Room, memberId: string): Promise<void> {
  const member = await currentParticipant(room, memberId);
  await wipeLearner(namespaceById(member.ns));
  await announce(room.id, { type: 'reset', memberId });
}

/** No one else may join until the teacher unlocks the room; those in it stay. */
export async function setLocked(room: Room, locked: boolean): Promise<void> {
  const meta = roomKeys(room.id).meta;
  await (locked ? appRedis().hset(meta, 'locked', '1') : appRedis().hdel(meta, 'locked'));
}

/**
 * Takes a participant out of the room, and keeps that browser out: their keys stay theirs, as
 * after a room closes they would not, since the removal is about the room, not their work.
 */
export async function removeMember(room: Room, memberId: string): Promise<void> {
  const member: Member = await currentParticipant(room, memberId);
  if (!(await releaseMembership(room, member))) throw new DomainError('not-found', `${member.name.slice(0, 40)} has already left workshop ${room.code}.`);
  const keys = roomKeys(room.id);
  await appRedis().multi().hdel(keys.members, member.id).sadd(keys.removed, member.ns).expire(keys.removed, ROOM_TTL_SECONDS).exec();
  await announce(room.id, { type: 'removed', memberId });
}

/**
 * Closing a room deletes everything it made: the work of every participant still in it, the class
 * race's keys, the room. Someone who moved to another room keeps their membership and their keys.
 */
export async function closeRoom(room: Room): Promise<number> {
  const redis = appRedis();
  const listed = Object.values(await redis.hgetall(roomKeys(room.id).members)).map((json) => JSON.parse(json) as Member);
  let closed = 0;
  for (const member of listed) {
    if (!(await releaseMembership(room, member))) continue;
    await wipeLearner(namespaceById(member.ns));
    closed += 1;
  }
  await unlinkMatching(redis, `${roomNamespace(room.id).prefix}*`);
  const keys = roomKeys(room.id);
  await announce(room.id, { type: 'closed' });
  await Promise.all([keys.meta, keys.members, keys.teachers, keys.removed, keys.joins, keys.lessons, codeKey(room.code)].map((key) => redis.unlink(key)));
  recordRoom('closed', room, 'teacher', closed);
  return closed;
}
