import { runLearnerScript } from '@/lib/server/console';
import { readPlainJson } from '@/lib/server/http/body';
import { HttpError, plainJson } from '@/lib/server/http/errors';
import { offerFastRoute } from '@/lib/server/http/fastRoutes';
import { lessonOr404 } from '@/lib/server/http/lessons';
import { plainRequestOf, responseOf, type PlainRequest } from '@/lib/server/http/plain';
import { answerPlainInSession } from '@/lib/server/http/session';
import { evaluateLesson } from '@/lib/server/lessons/service';
import { retryWhileBusy } from '@/lib/server/redis/busy';
import { recordActivity } from '@/lib/server/workshop/activity';
import { commandsBody, firstIssue, MAX_BODY_BYTES } from '@/lib/server/validation/commands';
import { logFailure } from '@/lib/server/log/logger';

function answerCommands(request: PlainRequest) {
  return answerPlainInSession(request, async (session) => {
    const parsed = commandsBody.safeParse(await readPlainJson(request, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(422, firstIssue(parsed.error));
    // Before anything runs: a lesson the session may not open (one pasted into another workshop) is refused.
    if (parsed.data.lesson !== undefined) await lessonOr404(parsed.data.lesson, session.namespace, 422);
    const started = performance.now();
    const results = await runLearnerScript(session, parsed.data.script);
    const serverMs = (performance.now() - started).toFixed(2);
    // Reads, and a progress write that may be repeated: another learner's busy script only delays it.
    const lesson = parsed.data.lesson ? await retryWhileBusy(() => evaluateLesson(session.namespace, parsed.data.lesson!)) : undefined;
    // The answer does not wait for the dashboard's note: it goes out on the app's connection before
    // any later dashboard read does, and if Redis has just gone the learner still has their results.
    recordActivity(session.namespace, { progress: lesson, attempt: true, results }).catch(
      logFailure('recording activity for the dashboard', { session: session.namespace.id }),
    );
    return plainJson({ results, ...(lesson && { lesson }) }, 200, { 'server-timing': `script;dur=${serverMs}` });
  });
}

export async function POST(request: Request) {
  return responseOf(await answerCommands(plainRequestOf(request)));
}

// The app's own server (scripts/server.ts) calls the same handler directly once Next has loaded this
// module, skipping Next's per-request routing: see the README's architecture section.
offerFastRoute('POST', '/api/commands', answerCommands);
