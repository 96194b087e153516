import { answer, json } from '@/lib/server/http/errors';
import { requireSession } from '@/lib/server/http/session';
import { findRun, viewOf } from '@/lib/server/sim/runs';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => json(viewOf(findRun(requireSession(request), (await params).id))));
}
