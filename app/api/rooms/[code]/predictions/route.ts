import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { classTally } from '@/lib/server/lessons/tally';
import { currentMembers } from '@/lib/server/workshop/membership';
import { requireTeacher } from '@/lib/server/workshop/rooms';

/** The teacher's tally of the room's predictions, and who opened which solution. */
export function GET(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    return json(await classTally(await currentMembers(room), room.id));
  });
}
