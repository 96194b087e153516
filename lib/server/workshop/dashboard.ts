import 'server-only';
import { isStuck } from '@/lib/workshop/stuck';
import type { DashboardView, ParticipantView } from '@/lib/workshop/types';
import { redisNow } from '../keys/clock';
import { roomLessonTitles } from '../lessons/catalog';
import { appRedis } from '../redis/client';
import { isolationMode } from '../session/consoles';
import { namespaceById } from '../session/namespace';
import { parseActivity } from './activity';
import { activityKey, roomKeys } from './keys';
import { currentMembers } from './membership';
import { keepRoomAlive, type Room } from './rooms';

/** Everyone in the room now with what they are doing in it, read in one burst of commands. */
export async function dashboardOf(room: Room): Promise<DashboardView> {
  const redis = appRedis();
  const members = await currentMembers(room);
  // One command per member, not one pipeline: members live in different cluster slots.
  const [activities, raceId, now, isolation, titles] = await Promise.all([
    Promise.all(members.map((member) => redis.hgetall(activityKey(namespaceById(member.ns))))),
    redis.hget(roomKeys(room.id).meta, 'raceId'),
    redisNow(redis),
    isolationMode(),
    roomLessonTitles(room.id),
    keepRoomAlive(room),
  ]);
  const participants = members.map((member, i): ParticipantView => {
    const activity = parseActivity(activities[i] ?? {}, member.id);
    const lessonTitle = activity.lesson ? titles.get(activity.lesson) : undefined;
    return { id: member.id, name: member.name, joinedAt: member.joinedAt, ...activity, lessonTitle, stuck: isStuck(activity) };
  });
  return { code: room.code, createdAt: room.createdAt, isolation, locked: room.locked, participants, now, ...(raceId && { raceId }) };
}
