import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { joinCodeFrom, normalizeJoinCode } from '@/lib/workshop/joinCode';
import type { MembershipView } from '@/lib/workshop/types';
import { DomainError } from '../errors';
import type { Session } from '../session/namespace';
import { appRedis } from '../redis/client';
import type { Namespace } from '../session/namespace';
import { codeKey, roomKeys } from './keys';
import { ROOM_TTL_SECONDS, ROOMS_PER_SESSION_PER_HOUR } from './limits';
import { movePointer, readPointer, viewOf } from './membership';
import { recordRoom } from '../metrics/record';

export interface Room {
  id: string;
  code: string;
  createdAt: number;
  pushed?: { lesson: string; step?: number };
  /** The teacher lets no one else join. */
  locked: boolean;
}

export interface Member {
  id: string;
  name: string;
  /** The member's namespace id: where their keys, progress and activity live. */
  ns: string;
  joinedAt: number;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest();

export async function createRoom(session: Session): Promise<{ room: Room; teacherKey: string }> {
  const redis = appRedis();
  const counter = session.namespace.keys.roomsCreated;
  const [[, created]] = (await redis.multi().incr(counter).expire(counter, 3600, 'NX').exec()) as [[null, number], unknown];
  if (created > ROOMS_PER_SESSION_PER_HOUR)
    throw new DomainError(
      'over-quota',
      `You have opened ${ROOMS_PER_SESSION_PER_HOUR} workshops in the last hour; that is the limit. Use one of them, or wait a while.`,
    );
  const id = randomBytes(8).toString('hex');
  const teacherKey = randomBytes(18).toString('base64url');
  const createdAt = Date.now();
  let code = '';
  for (let attempt = 0; !code; attempt += 1) {
    if (attempt === 10) throw new DomainError('unavailable', 'Could not find a free join code. Please try again.');
    const candidate = joinCodeFrom(randomBytes(8));
    if (await redis.set(codeKey(candidate), id, 'EX', ROOM_TTL_SECONDS, 'NX')) code = candidate;
  }
  const keys = roomKeys(id);
  await redis
    .multi()
    .hset(keys.meta, { code, createdAt, teacherKey: hashKey(teacherKey).toString('hex') })
    .sadd(keys.teachers, session.namespace.id)
    .expire(keys.meta, ROOM_TTL_SECONDS)
    .expire(keys.teachers, ROOM_TTL_SECONDS)
    .exec();
  const room: Room = { id, code, createdAt, locked: false };
  await becomeTeacher(session.namespace, room);
  recordRoom('opened', room, session.namespace.id);
  return { room, teacherKey };
}

/** The room a join code names, or a 404 a learner understands. */
export async function findRoom(typedCode: string): Promise<Room> {
  const code = normalizeJoinCode(typedCode);
  const missing = new DomainError('not-found', `There is no open workshop with the code "${typedCode.slice(0, 20)}". Check the code with your teacher.`);
  if (!code) throw missing;
  const redis = appRedis();
  const id = await redis.get(codeKey(code));
  if (!id) throw missing;
  const meta = await redis.hgetall(roomKeys(id).meta);
  if (!meta.code) throw missing;
  const room: Room = { id, code, createdAt: Number(meta.createdAt), locked: meta.locked === '1' };
  if (meta.pushedLesson) room.pushed = { lesson: meta.pushedLesson, ...(meta.pushedStep && { step: Number(meta.pushedStep) }) };
  return room;
}

/** Teaching a room is a membership too: the session leaves whichever room it was in. */
async function becomeTeacher(namespace: Namespace, room: Room): Promise<MembershipView> {
  const pointer = { roomId: room.id, code: room.code, memberId: randomBytes(6).toString('hex'), name: 'Teacher', role: 'teacher' } as const;
  await movePointer(namespace, pointer, await readPointer(namespace));
  return viewOf(pointer);
}

/** The teacher link works from any browser: whoever holds its key becomes a teacher of the room. */
export async function claimTeacher(session: Session, room: Room, key: string): Promise<MembershipView> {
  const stored = Buffer.from((await appRedis().hget(roomKeys(room.id).meta, 'teacherKey')) ?? '', 'hex');
  const given = hashKey(key);
  if (stored.length !== given.length || !timingSafeEqual(stored, given))
    throw new DomainError('forbidden', `This teacher link is not valid for workshop ${room.code}.`);
  await appRedis().sadd(roomKeys(room.id).teachers, session.namespace.id);
  return becomeTeacher(session.namespace, room);
}

export async function requireTeacher(session: Session, room: Room): Promise<void> {
  if (!(await appRedis().sismember(roomKeys(room.id).teachers, session.namespace.id))) {
    throw new DomainError('forbidden', `Only the teacher of workshop ${room.code} can do this. Open the teacher link to become one.`);
  }
}

export async function recordPush(room: Room, lesson: string, step?: number): Promise<void> {
  const meta = roomKeys(room.id).meta;
  const multi = appRedis().multi().hset(meta, 'pushedLesson', lesson);
  await (step === undefined ? multi.hdel(meta, 'pushedStep') : multi.hset(meta, 'pushedStep', step)).exec();
}

export async function keepRoomAlive(room: Room): Promise<void> {
  const keys = roomKeys(room.id);
  const roomOwn = [keys.meta, keys.members, keys.teachers, keys.removed, keys.lessons, codeKey(room.code)];
  await Promise.all(roomOwn.map((key) => appRedis().expire(key, ROOM_TTL_SECONDS)));
}
