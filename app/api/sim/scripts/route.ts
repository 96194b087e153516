import { readJsonBody } from '@/lib/server/http/body';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { checkScripts } from '@/lib/server/sim/learnerScripts';
import { MAX_SIM_BODY_BYTES, parseCustomScripts } from '@/lib/server/validation/sim';

/** Compiles a custom strategy's scripts before a race: 200 `{ok: true}`, or 422 `{ok: false, script, line, error}`. */
export function POST(request: Request) {
  return answerInSession(request, async (session) => {
    const check = await checkScripts(session.namespace, parseCustomScripts(await readJsonBody(request, MAX_SIM_BODY_BYTES)));
    return json(check, { status: check.ok ? 200 : 422 });
  });
}
