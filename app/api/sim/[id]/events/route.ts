import { answerInSession } from '@/lib/server/http/session';
import { sseResponse } from '@/lib/server/http/sse';
import { raceStream } from '@/lib/server/sim/races';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => sseResponse(request.signal, await raceStream(session, (await params).id)));
}
