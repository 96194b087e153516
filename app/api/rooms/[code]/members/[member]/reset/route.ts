import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { requireTeacher } from '@/lib/server/workshop/rooms';
import { resetMember } from '@/lib/server/workshop/teacher';

/** The teacher gives one participant a clean slate. */
export function POST(request: Request, context: RoomParams<{ member: string }>) {
  return answerInRoom(request, context, async (session, room, { member }) => {
    await requireTeacher(session, room);
    await resetMember(room, member);
    return json({ reset: member });
  });
}
