import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { sseResponse } from '@/lib/server/http/sse';
import { roomEventStream } from '@/lib/server/workshop/stream';

export function GET(request: Request, context: RoomParams) {
  return answerInRoom(request, context, async (session, room) => sseResponse(request.signal, await roomEventStream(session, room)));
}
