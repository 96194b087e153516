import { keyEventHub } from '@/lib/server/events';
import { answer, json } from '@/lib/server/http/errors';
import { requireSession } from '@/lib/server/http/session';
import { redisNow } from '@/lib/server/keys/clock';
import { snapshotKeys } from '@/lib/server/keys/snapshot';
import { appRedis } from '@/lib/server/redis/client';

export function GET(request: Request) {
  return answer(async () => {
    const { namespace } = requireSession(request);
    const [keys, now, mode] = await Promise.all([snapshotKeys(appRedis(), namespace.prefix), redisNow(appRedis()), keyEventHub().mode()]);
    return json({ now, mode, keys });
  });
}
