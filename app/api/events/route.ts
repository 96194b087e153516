import { keyEventStream } from '@/lib/server/events/stream';
import { answerInSession } from '@/lib/server/http/session';
import { sseResponse } from '@/lib/server/http/sse';

export function GET(request: Request) {
  return answerInSession(request, async (session) => sseResponse(request.signal, keyEventStream(session)));
}
