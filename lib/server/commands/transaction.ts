import type { CommandMeta } from './metadata';

/**
 * What a transaction may queue. EXEC runs everything queued at once, and while it runs Redis serves
 * nobody else: a hundred scripts of 400 ms each, or a thousand LPOS over a long list, queued and
 * then EXECed, would hold every learner in the room for seconds or minutes, where the same lines
 * outside a transaction go out in chunks that let others in between (runBudget.ts). So a
 * transaction takes only commands whose cost is bounded by their own arguments: Redis's @fast
 * category ("O(1) … may loop on the number of arguments, but not the number of elements in the
 * key"), and a few @slow ones that are quick in the same way (SET and its spellings, MSET) or whose
 * cost is the data they remove, which the session's memory cap bounds (DEL).
 */
const QUICK_THOUGH_SLOW = new Set(['set', 'setex', 'psetex', 'mset', 'msetnx', 'del', 'exec']);

export function queueable(meta: CommandMeta): boolean {
  return meta.categories.includes('fast') || QUICK_THOUGH_SLOW.has(meta.name);
}

export function notQueueable(shownName: string): string {
  return (
    `ERR ${shownName.toUpperCase()} cannot be queued in a transaction in the playground, so it was not queued: EXEC runs everything ` +
    'queued at once and nobody else is served meanwhile, so a transaction takes only quick commands (GET, SET, INCR, EXPIRE, DEL, HSET, …). ' +
    `Run ${shownName.toUpperCase()} after EXEC.`
  );
}
