import { readJsonBody } from '@/lib/server/http/body';
import { HttpError, json } from '@/lib/server/http/errors';
import { lessonOr404 } from '@/lib/server/http/lessons';
import { answerInSession } from '@/lib/server/http/session';
import { MAX_PREDICTION_BODY_BYTES, solutionBody } from '@/lib/server/lessons/predictionBody';
import { openSolution } from '@/lib/server/lessons/service';
import { firstIssue } from '@/lib/server/validation/commands';

/** Notes that the learner opened a step's solution, so a teacher's dashboard can name who did. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerInSession(request, async ({ namespace }) => {
    const lesson = await lessonOr404((await params).slug, namespace);
    const parsed = solutionBody.safeParse(await readJsonBody(request, MAX_PREDICTION_BODY_BYTES));
    if (!parsed.success) throw new HttpError(422, firstIssue(parsed.error));
    await openSolution(namespace, lesson.slug, parsed.data.step);
    return json({ opened: { lesson: lesson.slug, step: parsed.data.step } });
  });
}
