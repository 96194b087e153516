import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { lessonOr404 } from '@/lib/server/http/lessons';
import { resetLesson } from '@/lib/server/lessons/service';

export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerInSession(request, async ({ namespace }) => {
    const lesson = await lessonOr404((await params).slug, namespace);
    return json(await resetLesson(namespace, lesson.slug));
  });
}
