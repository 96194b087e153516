import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { MAX_ROOM_BODY_BYTES, parseClassRace } from '@/lib/server/validation/workshop';
import { CLASS_RACE_ADMISSION_MS, startClassRace } from '@/lib/server/workshop/classRace';
import { requireTeacher } from '@/lib/server/workshop/rooms';

/** The teacher starts a race in which every participant's browser is a client. */
export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    await requireTeacher(session, room);
    const body = parseClassRace(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    const raceId = await startClassRace(room, session, body);
    return json({ raceId, admissionMs: CLASS_RACE_ADMISSION_MS }, { status: 201 });
  });
}
