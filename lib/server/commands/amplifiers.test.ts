import { describe, expect, it } from 'vitest';
import { splitArgs } from '@/lib/cli/tokenize';
import { asksTooManyRandomMembers } from './amplifiers';

const text = (line: string) => splitArgs(line)!.map((arg) => Buffer.from(arg).toString('latin1'));

describe('random members', () => {
  const cases: [string, boolean][] = [
    ['SRANDMEMBER s -1001', true],
    ['HRANDFIELD h -100000000 WITHVALUES', true],
    ['ZRANDMEMBER z -5000 WITHSCORES', true],
    ['SRANDMEMBER s -1000', false],
    ['SRANDMEMBER s 100000000', false],
    ['SRANDMEMBER s', false],
    ['LRANGE l -5000 -1', false],
  ];
  for (const [line, tooMany] of cases) {
    it(`${line}: ${tooMany ? 'too many' : 'fine'}`, () => {
      const args = text(line);
      expect(asksTooManyRandomMembers(args[0]!.toLowerCase(), args)).toBe(tooMany);
    });
  }
});
