import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { membershipOf } from '@/lib/server/workshop/membership';
import { createRoom } from '@/lib/server/workshop/rooms';

/** Opens a workshop; the session that opens it is its teacher. */
export function POST(request: Request) {
  return answerInSession(request, async (session) => {
    const { room, teacherKey } = await createRoom(session);
    return json({ code: room.code, joinPath: `/join/${room.code}`, teacherPath: `/teach/${room.code}#key=${teacherKey}` }, { status: 201 });
  });
}

/** The workshop this browser belongs to, if any. */
export function GET(request: Request) {
  return answerInSession(request, async (session) => {
    const membership = await membershipOf(session);
    if (!membership) return json({ room: null });
    const { roomId: _roomId, ...room } = membership;
    return json({ room });
  });
}
