import { keyEventStream } from '@/lib/server/events/stream';
import { answer } from '@/lib/server/http/errors';
import { requireSession } from '@/lib/server/http/session';

export function GET(request: Request) {
  return answer(async () => keyEventStream(requireSession(request), request.signal));
}
