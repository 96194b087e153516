import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { requireTeacher } from '@/lib/server/workshop/rooms';
import { closeRoom } from '@/lib/server/workshop/teacher';

/** Whether a join code names an open workshop. */
export function GET(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (_session, room) => json({ code: room.code, open: true }));
}

/** The teacher closes the workshop: every key it made is deleted. */
export function DELETE(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    return json({ closed: true, participants: await closeRoom(room) });
  });
}
