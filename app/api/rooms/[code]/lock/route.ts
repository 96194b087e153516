import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { MAX_ROOM_BODY_BYTES, parseLock } from '@/lib/server/validation/workshop';
import { requireTeacher } from '@/lib/server/workshop/rooms';
import { setLocked } from '@/lib/server/workshop/teacher';

/** The teacher locks the room (no one else may join) or opens it again. */
export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    const { locked } = parseLock(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    await setLocked(room, locked);
    return json({ locked });
  });
}
