import { draftStep } from '@/lib/lessons/markdown/draftStep';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { buildLessonSnapshot } from '@/lib/server/lessons/snapshot';
import { appRedis } from '@/lib/server/redis/client';

/** "Save as a step": this session's keys and last commands as a draft Markdown step (the same snapshot lesson checks read). */
export function GET(request: Request) {
  return answerInSession(request, async ({ namespace }) => {
    const draft = draftStep(await buildLessonSnapshot(appRedis(), namespace));
    return json(draft ? { draft } : { draft: null, reason: 'Run some commands first: the draft is made from your keys and your last commands.' });
  });
}
