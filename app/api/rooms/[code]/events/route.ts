import { answerInRoom, type RoomParams } from '@/lib/server/http/rooms';
import { roomEventStream } from '@/lib/server/workshop/stream';

export function GET(request: Request, context: RoomParams) {
  return answerInRoom(request, context, (session, room) => roomEventStream(session, room, request.signal));
}
