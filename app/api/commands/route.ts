import { runLearnerScript } from '@/lib/server/console';
import { readJsonBody } from '@/lib/server/http/body';
import { HttpError, json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { evaluateLesson } from '@/lib/server/lessons/service';
import { recordActivity } from '@/lib/server/workshop/activity';
import { commandsBody, firstIssue, MAX_BODY_BYTES } from '@/lib/server/validation/commands';

export function POST(request: Request) {
  return answerInSession(request, async (session) => {
    const parsed = commandsBody.safeParse(await readJsonBody(request, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(422, firstIssue(parsed.error));
    const started = performance.now();
    const results = await runLearnerScript(session, parsed.data.script);
    const serverMs = (performance.now() - started).toFixed(2);
    const lesson = parsed.data.lesson ? await evaluateLesson(session.namespace, parsed.data.lesson) : undefined;
    await recordActivity(session.namespace, { progress: lesson, attempt: true, results });
    return json({ results, ...(lesson && { lesson }) }, { headers: { 'server-timing': `script;dur=${serverMs}` } });
  });
}
