import 'server-only';
import type { MembershipView } from '@/lib/workshop/types';
import { DomainError } from '../errors';
import type { Session } from '../session/namespace';
import { appRedis } from '../redis/client';
import { LuaScript } from '../redis/lua';
import { isolationMode } from '../session/consoles';
import { namespaceById, type Namespace } from '../session/namespace';
import { activityKey, membershipKey, roomKeys } from './keys';
import { ROOM_TTL_SECONDS } from './limits';
import type { Member, Room } from './rooms';

/**
 * A session's membership: one pointer in its own namespace, so a session is in one room at a time
 * and the server alone decides which. A room's member list is only an index of who joined; every
 * teacher action checks the member's pointer still names this room and this membership.
 */
export interface Pointer {
  roomId: string;
  code: string;
  memberId: string;
  name: string;
  role: MembershipView['role'];
}

export async function readPointer(namespace: Namespace): Promise<Pointer | undefined> {
  const raw = await appRedis().get(membershipKey(namespace));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Pointer;
  } catch {
    return undefined;
  }
}

/**
 * Makes `pointer` the session's only membership. A new membership starts with no dashboard activity
 * (the last error typed in another room is not this room's business), and the previous room's list
 * forgets the session, so its teacher no longer sees it.
 */
export async function movePointer(namespace: Namespace, pointer: Pointer, previous: Pointer | undefined): Promise<void> {
  const redis = appRedis();
  const multi = redis.multi().set(membershipKey(namespace), JSON.stringify(pointer), 'EX', ROOM_TTL_SECONDS);
  if (previous?.memberId !== pointer.memberId) multi.unlink(activityKey(namespace));
  await multi.exec();
  if (previous && previous.role === 'participant' && previous.memberId !== pointer.memberId) {
    await redis.hdel(roomKeys(previous.roomId).members, previous.memberId);
  }
}

/** Ends one membership, and only if the session is still in it: a member who moved on keeps their new room. */
const RELEASE = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, pointer = pcall(cjson.decode, raw)
if not ok or type(pointer) ~= 'table' or pointer.roomId ~= ARGV[1] or pointer.memberId ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
`);

export async function releaseMembership(room: Room, member: Member): Promise<boolean> {
  const namespace = namespaceById(member.ns);
  return (await RELEASE.run(appRedis(), [membershipKey(namespace), activityKey(namespace)], [room.id, member.id])) === 1;
}

export const pointsAt = (pointer: Pointer | undefined, room: Room, memberId: string) => pointer?.roomId === room.id && pointer.memberId === memberId;

export async function viewOf(pointer: Pointer): Promise<MembershipView> {
  return { code: pointer.code, memberId: pointer.memberId, name: pointer.name, role: pointer.role, isolation: await isolationMode() };
}

/** The session's room, if it is in one that is still open. */
export async function membershipOf(session: Session): Promise<(MembershipView & { roomId: string }) | undefined> {
  const pointer = await readPointer(session.namespace);
  if (!pointer || !(await appRedis().exists(roomKeys(pointer.roomId).meta))) return undefined;
  return { ...(await viewOf(pointer)), roomId: pointer.roomId };
}

/** This session's membership of this room; teachers count as members without a record. */
export async function requireMember(session: Session, room: Room): Promise<Pointer> {
  const pointer = await readPointer(session.namespace);
  if (pointer?.roomId !== room.id) throw new DomainError('forbidden', `You are not in workshop ${room.code}. Join it first with its code.`);
  return pointer;
}

async function listedMember(room: Room, memberId: string): Promise<Member | undefined> {
  const raw = await appRedis().hget(roomKeys(room.id).members, memberId);
  return raw ? (JSON.parse(raw) as Member) : undefined;
}

/** A participant the teacher may act on: listed in this room, and in it still. */
export async function currentParticipant(room: Room, memberId: string): Promise<Member> {
  const member = await listedMember(room, memberId);
  if (member && pointsAt(await readPointer(namespaceById(member.ns)), room, member.id)) return member;
  throw new DomainError(
    'not-found',
    `There is no participant ${memberId.slice(0, 20)} in workshop ${room.code} now. They may have left or joined another workshop.`,
  );
}

/** Everyone listed in the room who is in it still, with their pointer read once. */
export async function currentMembers(room: Room): Promise<Member[]> {
  const raw = await appRedis().hgetall(roomKeys(room.id).members);
  const listed = Object.values(raw).map((json) => JSON.parse(json) as Member);
  // One command per member, not one pipeline: members live in different cluster slots.
  const pointers = await Promise.all(listed.map((member) => readPointer(namespaceById(member.ns))));
  return listed.filter((member, i) => pointsAt(pointers[i], room, member.id)).sort((a, b) => a.joinedAt - b.joinedAt);
}
