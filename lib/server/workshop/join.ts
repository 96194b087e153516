import 'server-only';
import { randomBytes } from 'node:crypto';
import { cleanDisplayName } from '@/lib/workshop/displayName';
import type { MembershipView } from '@/lib/workshop/types';
import { DomainError } from '../errors';
import type { Session } from '../session/namespace';
import { appRedis } from '../redis/client';
import { LuaScript } from '../redis/lua';
import { roomKeys, sessionJoinsKey } from './keys';
import { MAX_PARTICIPANTS, ROOM_JOIN_BURST, ROOM_JOINS_PER_SECOND, ROOM_TTL_SECONDS, SESSION_JOIN_WINDOW_SECONDS, SESSION_JOINS_PER_WINDOW } from './limits';
import { movePointer, readPointer, viewOf, type Pointer } from './membership';
import type { Member, Room } from './rooms';

/**
 * Lists a newcomer in the room, or says why not, in one step on the room's own slot, so the lock,
 * the removals, the size cap and the join allowance are decided together whichever app instance
 * asks. The allowance is a token bucket timed by Redis's clock, not by any instance's. A rename
 * (ARGV[8] = '1') only updates the record.
 */
const ADMIT = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'gone' end
if ARGV[8] == '0' then
  if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then return 'removed' end
  if redis.call('HGET', KEYS[1], 'locked') == '1' then return 'locked' end
  if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then return 'full' end
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local burst, perMs = tonumber(ARGV[6]), tonumber(ARGV[7]) / 1000
  local bucket = redis.call('HMGET', KEYS[4], 'tokens', 'at')
  local tokens = math.min(burst, (tonumber(bucket[1]) or burst) + (now - (tonumber(bucket[2]) or now)) * perMs)
  if tokens < 1 then return 'busy:' .. math.ceil((1 - tokens) / perMs) end
  redis.call('HSET', KEYS[4], 'tokens', tostring(tokens - 1), 'at', now)
  redis.call('PEXPIRE', KEYS[4], math.ceil(burst / perMs))
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 'ok'
`);

function refusal(verdict: string, room: Room): DomainError {
  if (verdict === 'gone') return new DomainError('not-found', `Workshop ${room.code} has just been closed.`);
  if (verdict === 'removed') return new DomainError('forbidden', `The teacher removed you from workshop ${room.code}. Ask them if that was a mistake.`);
  if (verdict === 'locked')
    return new DomainError('forbidden', `Workshop ${room.code} is locked: the teacher is not letting anyone else in. Ask them to unlock it.`);
  if (verdict === 'full') return new DomainError('conflict', `This workshop is full (${MAX_PARTICIPANTS} participants). Ask your teacher.`);
  const seconds = Math.max(1, Math.ceil(Number(verdict.slice('busy:'.length)) / 1000));
  return new DomainError('over-quota', `Many people are joining workshop ${room.code} at once. Try again in ${seconds} s.`);
}

/**
 * One browser may join (or rename itself) SESSION_JOINS_PER_WINDOW times a minute, across every app
 * instance. Only joins that happen count, so a student retrying a busy or locked room is not also
 * locked out for a minute; two joins racing past the check may overshoot it by one.
 */
async function checkSessionJoins(session: Session): Promise<void> {
  if (Number(await appRedis().get(sessionJoinsKey(session.namespace))) >= SESSION_JOINS_PER_WINDOW) {
    throw new DomainError(
      'over-quota',
      `You have joined workshops ${SESSION_JOINS_PER_WINDOW} times in the last minute; that is the limit. Wait a minute, then try again.`,
    );
  }
}

async function countSessionJoin(session: Session): Promise<void> {
  const counter = sessionJoinsKey(session.namespace);
  await appRedis().multi().incr(counter).expire(counter, SESSION_JOIN_WINDOW_SECONDS, 'NX').exec();
}

/**
 * Joins the room, or renames this session's membership of it. Joining leaves the previous room:
 * the session's pointer names the new one alone, and the old room's list forgets it.
 */
export async function joinRoom(session: Session, room: Room, typedName: string): Promise<MembershipView> {
  const name = cleanDisplayName(typedName);
  if (!name) throw new DomainError('refused', 'Type the name the room should see, e.g. "Ada".');
  await checkSessionJoins(session);
  const current = await readPointer(session.namespace);
  const renaming = current?.roomId === room.id && current.role === 'participant';
  const memberId = renaming ? current.memberId : randomBytes(6).toString('hex');
  const member: Member = { id: memberId, name, ns: session.namespace.id, joinedAt: Date.now() };
  const keys = roomKeys(room.id);
  const verdict = String(
    await ADMIT.run(
      appRedis(),
      [keys.meta, keys.members, keys.removed, keys.joins],
      [
        session.namespace.id,
        memberId,
        JSON.stringify(member),
        MAX_PARTICIPANTS,
        ROOM_TTL_SECONDS,
        ROOM_JOIN_BURST,
        ROOM_JOINS_PER_SECOND,
        renaming ? '1' : '0',
      ],
    ),
  );
  if (verdict !== 'ok') throw refusal(verdict, room);
  await countSessionJoin(session);
  const pointer: Pointer = { roomId: room.id, code: room.code, memberId, name, role: 'participant' };
  await movePointer(session.namespace, pointer, current);
  return viewOf(pointer);
}
