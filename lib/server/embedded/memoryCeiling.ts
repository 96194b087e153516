import { totalmem } from 'node:os';
import { settings } from '../config';

/** Past this share of the machine's memory, the private Redis refuses new data instead of taking the machine down. */
const DEFAULT_SHARE = 0.25;

/**
 * The memory ceiling of the Redis `npm start` runs: REDIS_MAXMEMORY_MB, or a quarter of the machine.
 * The per-session caps keep each learner small, but a script may write far more than it declares
 * before anyone measures it; `maxmemory` with `noeviction` makes Redis refuse further writes
 * (never delete anyone's keys) once the whole server is full.
 */
export function maxMemoryBytes(megabytes = settings().redisMaxMemoryMb): number {
  return megabytes === undefined ? Math.floor(totalmem() * DEFAULT_SHARE) : megabytes * 1024 * 1024;
}

/**
 * Redis keeps a reply it cannot send yet in the connection's output buffer, without a limit for
 * normal clients. One line such as `MGET big big …` or `SRANDMEMBER s -1000` over megabyte values
 * would grow it by gigabytes; past this, Redis closes that connection instead.
 */
const OUTPUT_BUFFER_LIMIT_MB = 128;

export function memoryArgs(): string[] {
  return [
    '--maxmemory',
    String(maxMemoryBytes()),
    '--maxmemory-policy',
    'noeviction',
    '--client-output-buffer-limit',
    `normal ${OUTPUT_BUFFER_LIMIT_MB}mb 0 0`,
  ];
}
