import { readJsonBody } from '@/lib/server/http/body';
import { HttpError, json } from '@/lib/server/http/errors';
import { lessonOr404 } from '@/lib/server/http/lessons';
import { answerInSession } from '@/lib/server/http/session';
import { MAX_PREDICTION_BODY_BYTES, predictionBody } from '@/lib/server/lessons/predictionBody';
import { predict } from '@/lib/server/lessons/service';
import { firstIssue } from '@/lib/server/validation/commands';

/** Keeps the learner's prediction for a step; 409 once the step's command has run. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerInSession(request, async ({ namespace }) => {
    const lesson = await lessonOr404((await params).slug, namespace);
    const parsed = predictionBody.safeParse(await readJsonBody(request, MAX_PREDICTION_BODY_BYTES));
    if (!parsed.success) throw new HttpError(422, firstIssue(parsed.error));
    return json({ progress: await predict(namespace, lesson.slug, parsed.data.step, parsed.data.choice) });
  });
}
