import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { parseTeacherKey, MAX_ROOM_BODY_BYTES } from '@/lib/server/validation/workshop';
import { claimTeacher } from '@/lib/server/workshop/rooms';

/** Opens the teacher's dashboard in this browser, with the key from the teacher link. */
export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    const { key } = parseTeacherKey(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    return json({ room: await claimTeacher(session, room, key) });
  });
}
