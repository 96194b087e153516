import 'server-only';
import { scanTargets, type RedisClient } from '../redis/topology';
import { describeKeys } from './describe';
import type { KeyView } from '@/lib/keys/types';

const SNAPSHOT_LIMIT = 2_000;
const BATCH = 200;

/** Every key of a namespace (up to SNAPSHOT_LIMIT), sorted by name. */
export async function snapshotKeys(redis: RedisClient, prefix: string): Promise<KeyView[]> {
  const names: Buffer[] = [];
  const [owner] = await scanTargets(redis, `${prefix}*`);
  let cursor = '0';
  do {
    const [next, batch] = await owner!.scanBuffer(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next.toString();
    // The pattern confines the names; this proves it again before anything reads them on the app's connection.
    names.push(...batch.filter((name) => name.subarray(0, prefix.length).toString('latin1') === prefix));
  } while (cursor !== '0' && names.length < SNAPSHOT_LIMIT);
  const views: (KeyView | null)[] = [];
  for (let i = 0; i < Math.min(names.length, SNAPSHOT_LIMIT); i += BATCH) {
    views.push(...(await describeKeys(redis, prefix, names.slice(i, i + BATCH))));
  }
  return views.filter((v): v is KeyView => v !== null).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
