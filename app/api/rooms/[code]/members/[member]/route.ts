import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { requireTeacher } from '@/lib/server/workshop/rooms';
import { removeMember } from '@/lib/server/workshop/teacher';

/** The teacher takes a participant out of the room; that browser may not join it again. */
export function DELETE(request: Request, context: RoomParams<{ member: string }>) {
  return answerInRoom(request, context, async (session, room, { member }) => {
    await requireTeacher(session, room);
    await removeMember(room, member);
    return json({ removed: member });
  });
}
