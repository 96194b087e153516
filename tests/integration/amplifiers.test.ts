import { describe, expect, it } from 'vitest';
import { splitArgs } from '@/lib/cli/tokenize';
import { growthOf, mayAddData, type Growth } from '@/lib/server/commands/amplifiers';
import { commandTable } from '@/lib/server/commands/commandTable';

const text = (line: string) => splitArgs(line)!.map((arg) => Buffer.from(arg).toString('latin1'));

/** Judged against the live server's own metadata, so the RO key-spec rule is tested as Redis reports it. */
async function growth(line: string): Promise<Growth> {
  const args = text(line);
  const { meta } = (await commandTable()).resolve(args);
  return growthOf(meta!, args);
}

describe('what a command may add beyond its own length', () => {
  const cases: [string, Growth][] = [
    ['SETRANGE k 1000000 x', { kind: 'bytes', bytes: 1_000_001 }],
    ['SETRANGE k 1000000 ""', { kind: 'none' }],
    ['SETRANGE k -1 x', { kind: 'none' }],
    ['SETBIT k 4294967295 1', { kind: 'bytes', bytes: 536_870_912 }],
    ['SETBIT k 7 1', { kind: 'bytes', bytes: 1 }],
    ['BITFIELD k SET u8 #100 1', { kind: 'bytes', bytes: 101 }],
    ['BITFIELD k GET u8 0 INCRBY i64 8000 1 OVERFLOW SAT SET u4 4 1', { kind: 'bytes', bytes: 1_008 }],
    ['BITFIELD k GET u8 99999999', { kind: 'none' }],
    ['BITFIELD k SET x8 0 1', { kind: 'none' }],
    ['COPY a b', { kind: 'copy' }],
    ['SUNIONSTORE d a b', { kind: 'copy' }],
    ['ZUNIONSTORE d 2 a b', { kind: 'copy' }],
    ['BITOP NOT d a', { kind: 'copy' }],
    ['SORT l STORE d', { kind: 'copy' }],
    ['PFMERGE d a', { kind: 'copy' }],
    ['GEOSEARCHSTORE d s FROMLONLAT 0 0 BYRADIUS 1 km', { kind: 'copy' }],
    ['SET k v', { kind: 'none' }],
    ['LMOVE a b LEFT LEFT', { kind: 'none' }],
    ['RENAME a b', { kind: 'none' }],
  ];
  for (const [line, expected] of cases) {
    it(line, async () => expect(await growth(line)).toEqual(expected));
  }

  it('counts denyoom commands and scripts as adding data, and reads and deletes as not', async () => {
    const table = await commandTable();
    const adds = (name: string) => mayAddData(table.get(name)!);
    expect(['set', 'append', 'incr', 'xadd', 'copy', 'eval', 'evalsha'].map(adds)).toEqual(Array(7).fill(true));
    expect(['get', 'del', 'unlink', 'expire', 'lpop', 'eval_ro', 'keys'].map(adds)).toEqual(Array(7).fill(false));
  });
});
