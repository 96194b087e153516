import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { applyFault, findOwnRun } from '@/lib/server/sim/runs';
import { MAX_SIM_BODY_BYTES, parseFault } from '@/lib/server/validation/sim';

export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => {
    const run = findOwnRun(session, (await params).id);
    const kind = parseFault(await readJsonBody(request, MAX_SIM_BODY_BYTES));
    await applyFault(run, kind);
    return json({ applied: kind }, { status: 202 });
  });
}
