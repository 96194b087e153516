import { answerInSession } from '@/lib/server/http/session';
import { findRun } from '@/lib/server/sim/runs';
import { runEventStream } from '@/lib/server/sim/stream';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => runEventStream(findRun(session, (await params).id), request.signal));
}
