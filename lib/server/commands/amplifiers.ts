import type { CommandMeta } from './metadata';

/**
 * What one command may add to a session's memory beyond the bytes it carries itself. An offset past
 * the end of a string allocates every byte before it (`SETBIT k 4294967295 1` makes 512 MB), and a
 * command that writes what it read (COPY, SUNIONSTORE, SORT … STORE, BITOP, PFMERGE…) may duplicate
 * up to everything the session holds.
 */
export type Growth = { kind: 'bytes'; bytes: number } | { kind: 'copy' } | { kind: 'none' };

/**
 * Commands that may add data: Redis refuses the `denyoom` ones when it is out of memory; a script may
 * write, and so may EXEC, which runs whatever was queued (a queued EVAL too).
 */
export function mayAddData(meta: CommandMeta): boolean {
  return meta.flags.includes('denyoom') || meta.name === 'eval' || meta.name === 'evalsha' || meta.name === 'exec';
}

const DIGITS = /^\d+$/;

/** Bytes a BITFIELD's SET and INCRBY operations need; GET never grows the string. */
function bitfieldBytes(text: readonly string[]): number {
  let bytes = 0;
  for (let i = 2; i < text.length;) {
    const op = text[i]!.toLowerCase();
    if (op === 'overflow') i += 2;
    else if (op === 'get') i += 3;
    else if (op === 'set' || op === 'incrby') {
      const width = /^[iu](\d+)$/i.exec(text[i + 1] ?? '');
      const offset = /^(#?)(\d+)$/.exec(text[i + 2] ?? '');
      // A malformed operation makes Redis refuse the whole command before it writes anything.
      if (!width || !offset) return 0;
      const bits = Number(offset[2]) * (offset[1] ? Number(width[1]) : 1) + Number(width[1]);
      bytes = Math.max(bytes, Math.ceil(bits / 8));
      i += 4;
    } else return 0;
  }
  return bytes;
}

/** How much this command may grow the session by; arguments Redis would reject count as nothing. */
export function growthOf(meta: CommandMeta, text: readonly string[]): Growth {
  if (meta.name === 'setrange') {
    const [, , offset, value] = text;
    // An empty value only reports the length; Redis allocates nothing for it.
    return offset !== undefined && DIGITS.test(offset) && value ? { kind: 'bytes', bytes: Number(offset) + value.length } : { kind: 'none' };
  }
  if (meta.name === 'setbit') {
    const offset = text[2];
    return offset !== undefined && DIGITS.test(offset) ? { kind: 'bytes', bytes: Math.floor(Number(offset) / 8) + 1 } : { kind: 'none' };
  }
  if (meta.name === 'bitfield') {
    const bytes = bitfieldBytes(text);
    return bytes > 0 ? { kind: 'bytes', bytes } : { kind: 'none' };
  }
  // Redis's key specs mark a key the command only reads as RO; a denyoom command with one writes what it read.
  if (meta.flags.includes('denyoom') && meta.keySpecs.some((spec) => spec.flags.includes('RO'))) return { kind: 'copy' };
  return { kind: 'none' };
}

/** SRANDMEMBER, HRANDFIELD and ZRANDMEMBER repeat members for a negative count: `-1000000000` is a billion of them. */
export const MAX_RANDOM_MEMBERS = 1_000;
const RANDOM_MEMBER_COMMANDS = new Set(['srandmember', 'hrandfield', 'zrandmember']);

/** Whether the command asks for more random members than the playground returns at once. */
export function asksTooManyRandomMembers(name: string, text: readonly string[]): boolean {
  const count = text[2];
  return RANDOM_MEMBER_COMMANDS.has(name) && count !== undefined && /^-\d+$/.test(count) && Number(count) < -MAX_RANDOM_MEMBERS;
}
