import 'server-only';
import type { Reply } from '@/lib/cli/reply';
import type { TimedReply } from '../redis/consoleConnection';
import type { RedisClient } from '../redis/topology';

type Raw = Buffer | number | Raw[];

const startsWith = (name: Buffer, prefix: Buffer) => name.length >= prefix.length && name.subarray(0, prefix.length).equals(prefix);

/** Only names under the prefix: the pattern already confines them, and this proves it again. */
function names(raw: Raw, prefix: Buffer): Reply {
  const list = Array.isArray(raw) ? raw : [];
  return { type: 'array', value: list.filter((n): n is Buffer => Buffer.isBuffer(n) && startsWith(n, prefix)).map((value) => ({ type: 'bulk', value })) };
}

/**
 * KEYS and SCAN for a learner. Redis cannot filter what they list by ACL, so the session's own user
 * may not run them (a script could list everyone's keys); the app runs them instead, on the node that
 * holds the session's keys, with the learner's pattern moved under the session's prefix (policy.ts).
 */
export async function listConfined(node: RedisClient, argv: Uint8Array[], prefix: string): Promise<TimedReply> {
  const started = performance.now();
  const [name, ...args] = argv.map((a) => Buffer.from(a.buffer, a.byteOffset, a.length));
  const own = Buffer.from(prefix, 'latin1');
  try {
    const raw = (await node.callBuffer(name!.toString('latin1'), ...args)) as Raw;
    const isScan = name!.toString('latin1').toLowerCase() === 'scan';
    const reply: Reply =
      isScan && Array.isArray(raw) ? { type: 'array', value: [{ type: 'bulk', value: raw[0] as Buffer }, names(raw[1]!, own)] } : names(raw, own);
    const bytes = Array.isArray(raw) ? raw.flat().reduce((sum: number, n) => sum + (Buffer.isBuffer(n) ? n.length : 0), 0) : 0;
    return { reply, ms: performance.now() - started, bytes };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A connection failure is the app's, not the learner's: it surfaces as Redis being unavailable.
    if (!/^ERR /.test(message)) throw error;
    return { reply: { type: 'error', value: message }, ms: performance.now() - started };
  }
}

/** The keys Redis itself finds in each command (`COMMAND GETKEYS`); undefined where it finds none or refuses the arguments. */
export function keysFromRedis(redis: RedisClient, commands: Uint8Array[][]): Promise<(string[] | undefined)[]> {
  return Promise.all(
    commands.map((argv) =>
      (redis.callBuffer('COMMAND', 'GETKEYS', ...argv.map((a) => Buffer.from(a.buffer, a.byteOffset, a.length))) as Promise<Buffer[]>).then(
        (keys) => keys.map((key) => key.toString('latin1')),
        (error: unknown) => {
          // Redis answering that the arguments hold no keys is an answer; a lost connection is not.
          if (error instanceof Error && /^ERR /.test(error.message)) return undefined;
          throw error;
        },
      ),
    ),
  );
}
