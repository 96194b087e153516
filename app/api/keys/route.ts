import { keyEventHub } from '@/lib/server/events';
import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { redisNow } from '@/lib/server/keys/clock';
import { snapshotKeys } from '@/lib/server/keys/snapshot';
import { appRedis } from '@/lib/server/redis/client';

export function GET(request: Request) {
  return answerInSession(request, async ({ namespace }) => {
    const [keys, now, mode] = await Promise.all([snapshotKeys(appRedis(), namespace.prefix), redisNow(appRedis()), keyEventHub().mode()]);
    return json({ now, mode, keys });
  });
}
