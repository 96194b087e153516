import { lessonView } from '@/lib/lessons/registry';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { lessonOr404 } from '@/lib/server/http/lessons';
import { evaluateLesson } from '@/lib/server/lessons/service';

export function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerInSession(request, async ({ namespace }) => {
    const lesson = lessonOr404((await params).slug);
    return json({ lesson: lessonView(lesson), progress: await evaluateLesson(namespace, lesson.slug) });
  });
}
