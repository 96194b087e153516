import { lessonView } from '@/lib/lessons/registry';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { lessonOr404 } from '@/lib/server/http/lessons';
import { evaluateLesson } from '@/lib/server/lessons/service';
import { recordActivity } from '@/lib/server/workshop/activity';

export function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerInSession(request, async ({ namespace }) => {
    const lesson = await lessonOr404((await params).slug, namespace);
    const progress = await evaluateLesson(namespace, lesson.slug);
    await recordActivity(namespace, { progress, attempt: false });
    return json({ lesson: lessonView(lesson), progress });
  });
}
