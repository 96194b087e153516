import { answer, json } from '@/lib/server/http/errors';
import { requireSession } from '@/lib/server/http/session';
import { listLessons } from '@/lib/server/lessons/service';

export function GET(request: Request) {
  return answer(async () => json({ lessons: await listLessons(requireSession(request).namespace) }));
}
