import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { dashboardOf } from '@/lib/server/workshop/dashboard';
import { requireTeacher } from '@/lib/server/workshop/rooms';

export function GET(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    return json(await dashboardOf(room));
  });
}
