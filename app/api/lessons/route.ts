import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { listLessons } from '@/lib/server/lessons/service';

export function GET(request: Request) {
  return answerInSession(request, async ({ namespace }) => json({ lessons: await listLessons(namespace) }));
}
