import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { cleanDisplayName } from '@/lib/workshop/displayName';
import { joinCodeFrom, normalizeJoinCode } from '@/lib/workshop/joinCode';
import type { MembershipView } from '@/lib/workshop/types';
import { HttpError } from '../http/errors';
import type { Session } from '../http/session';
import { appRedis } from '../redis/client';
import { isolationMode } from '../session/consoles';
import type { Namespace } from '../session/namespace';
import { codeKey, membershipKey, roomKeys } from './keys';

/** A workshop nobody has looked at for a week is forgotten. */
export const ROOM_TTL_SECONDS = 7 * 24 * 3600;
export const MAX_PARTICIPANTS = 500;
const ROOMS_PER_SESSION_PER_HOUR = 10;

export interface Room {
  id: string;
  code: string;
  createdAt: number;
  pushed?: { lesson: string; step?: number };
}

export interface Member {
  id: string;
  name: string;
  /** The member's namespace id: where their keys, progress and activity live. */
  ns: string;
  joinedAt: number;
}

interface Pointer {
  roomId: string;
  code: string;
  memberId: string;
  name: string;
  role: MembershipView['role'];
}

const hashKey = (key: string) => createHash('sha256').update(key).digest();

export async function createRoom(session: Session): Promise<{ room: Room; teacherKey: string }> {
  const redis = appRedis();
  const counter = session.namespace.internalKey('rooms-created');
  const [[, created]] = (await redis.multi().incr(counter).expire(counter, 3600, 'NX').exec()) as [[null, number], unknown];
  if (created > ROOMS_PER_SESSION_PER_HOUR) throw new HttpError(429, `You have opened ${ROOMS_PER_SESSION_PER_HOUR} workshops in the last hour; that is the limit. Use one of them, or wait a while.`);
  const id = randomBytes(8).toString('hex');
  const teacherKey = randomBytes(18).toString('base64url');
  const createdAt = Date.now();
  let code = '';
  for (let attempt = 0; !code; attempt += 1) {
    if (attempt === 10) throw new HttpError(503, 'Could not find a free join code. Please try again.');
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
  const room: Room = { id, code, createdAt };
  await writePointer(session.namespace, room, randomBytes(6).toString('hex'), 'Teacher', 'teacher');
  return { room, teacherKey };
}

/** The room a join code names, or a 404 a learner understands. */
export async function findRoom(typedCode: string): Promise<Room> {
  const code = normalizeJoinCode(typedCode);
  const missing = new HttpError(404, `There is no open workshop with the code "${typedCode.slice(0, 20)}". Check the code with your teacher.`);
  if (!code) throw missing;
  const redis = appRedis();
  const id = await redis.get(codeKey(code));
  if (!id) throw missing;
  const meta = await redis.hgetall(roomKeys(id).meta);
  if (!meta.code) throw missing;
  const room: Room = { id, code, createdAt: Number(meta.createdAt) };
  if (meta.pushedLesson) room.pushed = { lesson: meta.pushedLesson, ...(meta.pushedStep && { step: Number(meta.pushedStep) }) };
  return room;
}

async function writePointer(namespace: Namespace, room: Room, memberId: string, name: string, role: Pointer['role']): Promise<void> {
  const pointer: Pointer = { roomId: room.id, code: room.code, memberId, name, role };
  await appRedis().set(membershipKey(namespace), JSON.stringify(pointer), 'EX', ROOM_TTL_SECONDS);
}

async function readPointer(namespace: Namespace): Promise<Pointer | undefined> {
  const raw = await appRedis().get(membershipKey(namespace));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Pointer;
  } catch {
    return undefined;
  }
}

async function viewOf(pointer: Pointer): Promise<MembershipView> {
  return { code: pointer.code, memberId: pointer.memberId, name: pointer.name, role: pointer.role, isolation: await isolationMode() };
}

/** The session's room, if it is in one that is still open. */
export async function membershipOf(session: Session): Promise<(MembershipView & { roomId: string }) | undefined> {
  const pointer = await readPointer(session.namespace);
  if (!pointer || !(await appRedis().exists(roomKeys(pointer.roomId).meta))) return undefined;
  return { ...(await viewOf(pointer)), roomId: pointer.roomId };
}

export async function joinRoom(session: Session, room: Room, typedName: string): Promise<MembershipView> {
  const name = cleanDisplayName(typedName);
  if (!name) throw new HttpError(422, 'Type the name the room should see, e.g. "Ada".');
  const redis = appRedis();
  const keys = roomKeys(room.id);
  const current = await readPointer(session.namespace);
  const memberId = current?.roomId === room.id && current.role === 'participant' ? current.memberId : randomBytes(6).toString('hex');
  if (memberId !== current?.memberId && (await redis.hlen(keys.members)) >= MAX_PARTICIPANTS) {
    throw new HttpError(409, `This workshop is full (${MAX_PARTICIPANTS} participants). Ask your teacher.`);
  }
  const member: Member = { id: memberId, name, ns: session.namespace.id, joinedAt: Date.now() };
  await redis.multi().hset(keys.members, memberId, JSON.stringify(member)).expire(keys.members, ROOM_TTL_SECONDS).exec();
  await writePointer(session.namespace, room, memberId, name, 'participant');
  return viewOf({ roomId: room.id, code: room.code, memberId, name, role: 'participant' });
}

/** The teacher link works from any browser: whoever holds its key becomes a teacher of the room. */
export async function claimTeacher(session: Session, room: Room, key: string): Promise<MembershipView> {
  const stored = Buffer.from((await appRedis().hget(roomKeys(room.id).meta, 'teacherKey')) ?? '', 'hex');
  const given = hashKey(key);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) throw new HttpError(403, `This teacher link is not valid for workshop ${room.code}.`);
  await appRedis().sadd(roomKeys(room.id).teachers, session.namespace.id);
  const memberId = randomBytes(6).toString('hex');
  await writePointer(session.namespace, room, memberId, 'Teacher', 'teacher');
  return viewOf({ roomId: room.id, code: room.code, memberId, name: 'Teacher', role: 'teacher' });
}

export async function requireTeacher(session: Session, room: Room): Promise<void> {
  if (!(await appRedis().sismember(roomKeys(room.id).teachers, session.namespace.id))) {
    throw new HttpError(403, `Only the teacher of workshop ${room.code} can do this. Open the teacher link to become one.`);
  }
}

/** The member record of this session in this room; teachers count as members without a record. */
export async function requireMember(session: Session, room: Room): Promise<Pointer> {
  const pointer = await readPointer(session.namespace);
  if (pointer?.roomId !== room.id) throw new HttpError(403, `You are not in workshop ${room.code}. Join it first with its code.`);
  return pointer;
}

export async function listMembers(room: Room): Promise<Member[]> {
  const raw = await appRedis().hgetall(roomKeys(room.id).members);
  return Object.values(raw)
    .map((json) => JSON.parse(json) as Member)
    .sort((a, b) => a.joinedAt - b.joinedAt);
}

export async function findMember(room: Room, memberId: string): Promise<Member> {
  const raw = await appRedis().hget(roomKeys(room.id).members, memberId);
  if (!raw) throw new HttpError(404, `There is no participant ${memberId.slice(0, 20)} in workshop ${room.code}.`);
  return JSON.parse(raw) as Member;
}

export async function recordPush(room: Room, lesson: string, step?: number): Promise<void> {
  const meta = roomKeys(room.id).meta;
  const multi = appRedis().multi().hset(meta, 'pushedLesson', lesson);
  await (step === undefined ? multi.hdel(meta, 'pushedStep') : multi.hset(meta, 'pushedStep', step)).exec();
}

export async function keepRoomAlive(room: Room): Promise<void> {
  const keys = roomKeys(room.id);
  await Promise.all([keys.meta, keys.members, keys.teachers, codeKey(room.code)].map((key) => appRedis().expire(key, ROOM_TTL_SECONDS)));
}
