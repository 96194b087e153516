import { answerInSession } from '@/lib/server/http/session';
import { raceStream } from '@/lib/server/sim/races';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => raceStream(session, (await params).id, request.signal));
}
