import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { startRace } from '@/lib/server/sim/races';
import { MAX_SIM_BODY_BYTES, parseSimSettings } from '@/lib/server/validation/sim';

export function POST(request: Request) {
  return answerInSession(request, async (session) => {
    const settings = parseSimSettings(await readJsonBody(request, MAX_SIM_BODY_BYTES));
    const run = await startRace(session.namespace, settings);
    return json({ id: run.id }, { status: 201 });
  });
}
