import { answer } from '@/lib/server/http/errors';
import { requireSession } from '@/lib/server/http/session';
import { findRun } from '@/lib/server/sim/runs';
import { runEventStream } from '@/lib/server/sim/stream';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => runEventStream(findRun(requireSession(request), (await params).id), request.signal));
}
