import { summaryOf } from '@/lib/lessons/registry';
import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { isSharedSlug } from '@/lib/server/lessons/catalog';
import { MAX_ROOM_LESSON_BODY_BYTES, parseRoomLessonBody } from '@/lib/server/lessons/roomLessonBody';
import { addRoomLesson } from '@/lib/server/lessons/roomLessons';
import { requireTeacher } from '@/lib/server/workshop/rooms';

/** The teacher pastes a Markdown lesson: 201 with its summary, or 422 with each problem and its line. */
export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    const added = await addRoomLesson(room.id, parseRoomLessonBody(await readJsonBody(request, MAX_ROOM_LESSON_BODY_BYTES)), isSharedSlug);
    if ('errors' in added) return json({ error: `The lesson was not added: ${added.lines.join('; ')}.`, errors: added.errors }, { status: 422 });
    return json({ lesson: summaryOf(added.lesson), replaced: added.replaced }, { status: added.replaced ? 200 : 201 });
  });
}
