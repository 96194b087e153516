import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { parsePush, MAX_ROOM_BODY_BYTES } from '@/lib/server/validation/workshop';
import { requireTeacher } from '@/lib/server/workshop/rooms';
import { pushLesson } from '@/lib/server/workshop/teacher';

/** Sends every participant to a lesson, or one step of it. */
export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    const { lesson, step } = parsePush(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    await pushLesson(room, lesson, step);
    return json({ pushed: { lesson, ...(step !== undefined && { step }) } });
  });
}
