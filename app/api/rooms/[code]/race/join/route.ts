import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { MAX_ROOM_BODY_BYTES, parseJoinRace } from '@/lib/server/validation/workshop';
import { joinClassRace } from '@/lib/server/workshop/classRace';

/** A member's browser steps into the class race: as a client while its window is open, else to watch. */
export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    const { raceId } = parseJoinRace(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    return json(await joinClassRace(room, session, raceId));
  });
}
