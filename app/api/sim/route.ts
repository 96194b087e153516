import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { startRun } from '@/lib/server/sim/runs';
import { MAX_SIM_BODY_BYTES, parseSimSettings } from '@/lib/server/validation/sim';

export function POST(request: Request) {
  return answerInSession(request, async (session) => {
    const settings = parseSimSettings(await readJsonBody(request, MAX_SIM_BODY_BYTES));
    const run = startRun(session.namespace, settings);
    return json({ id: run.id }, { status: 201 });
  });
}
