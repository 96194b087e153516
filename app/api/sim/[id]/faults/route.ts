import { readJsonBody } from '@/lib/server/http/body';
import { answer, json } from '@/lib/server/http/errors';
import { requireSession } from '@/lib/server/http/session';
import { applyFault, findRun } from '@/lib/server/sim/runs';
import { MAX_SIM_BODY_BYTES, parseFault } from '@/lib/server/validation/sim';

export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => {
    const run = findRun(requireSession(request), (await params).id);
    const kind = parseFault(await readJsonBody(request, MAX_SIM_BODY_BYTES));
    await applyFault(run, kind);
    return json({ applied: kind }, { status: 202 });
  });
}
