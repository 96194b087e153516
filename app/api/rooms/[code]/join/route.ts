import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { parseJoin, MAX_ROOM_BODY_BYTES } from '@/lib/server/validation/workshop';
import { joinRoom } from '@/lib/server/workshop/join';

export function POST(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => {
    const { name } = parseJoin(await readJsonBody(request, MAX_ROOM_BODY_BYTES));
    return json({ room: await joinRoom(session, room, name), ...(room.pushed && { pushed: room.pushed }) });
  });
}
