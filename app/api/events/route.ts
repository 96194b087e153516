import { keyEventStream } from '@/lib/server/events/stream';
import { answerInSession } from '@/lib/server/http/session';

export function GET(request: Request) {
  return answerInSession(request, async (session) => keyEventStream(session, request.signal));
}
