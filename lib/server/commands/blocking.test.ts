import { describe, expect, it } from 'vitest';
import { capBlockingTimeout } from './blocking';

const run = (line: string) => {
  const text = line.split(' ');
  const out = capBlockingTimeout(
    text[0]!.toLowerCase(),
    text.map((t) => new Uint8Array(Buffer.from(t))),
    text,
  );
  return typeof out === 'string' ? out : out?.map((b) => Buffer.from(b).toString()).join(' ');
};

describe('blocking timeouts are capped at 5 s', () => {
  const cases: [string, string | undefined][] = [
    ['BLPOP q 0', 'BLPOP q 5'],
    ['BLPOP q 1.5', 'BLPOP q 1.5'],
    ['BRPOP a b 60', 'BRPOP a b 5'],
    ['BLMOVE a b LEFT RIGHT 0', 'BLMOVE a b LEFT RIGHT 5'],
    ['BZPOPMIN z 3600', 'BZPOPMIN z 5'],
    ['BLMPOP 0 1 q LEFT', 'BLMPOP 5 1 q LEFT'],
    ['BZMPOP 2 1 z MIN', 'BZMPOP 2 1 z MIN'],
    ['XREAD BLOCK 0 STREAMS s $', 'XREAD BLOCK 5000 STREAMS s $'],
    ['XREAD COUNT 1 BLOCK 100 STREAMS s $', 'XREAD COUNT 1 BLOCK 100 STREAMS s $'],
    ['XREAD STREAMS block 0', 'XREAD STREAMS block 0'],
    ['XREADGROUP GROUP g c BLOCK 99999 STREAMS s >', 'XREADGROUP GROUP g c BLOCK 5000 STREAMS s >'],
    ['BLPOP q -1', 'BLPOP q -1'],
    ['BRPOP q 1e9', 'BRPOP q 5'],
    // strtold reads these as 6 s and forever, where Number sees nothing: only decimals pass.
    ['BLPOP q notanumber', 'ERR the timeout must be a plain number of seconds, such as 1 or 0.5'],
    ['BLPOP q 0x1.8p2', 'ERR the timeout must be a plain number of seconds, such as 1 or 0.5'],
    ['BRPOP q 0X1P3', 'ERR the timeout must be a plain number of seconds, such as 1 or 0.5'],
    ['BLMPOP inf 1 q LEFT', 'ERR the timeout must be a plain number of seconds, such as 1 or 0.5'],
    ['WAIT 1 0', undefined],
  ];
  for (const [line, expected] of cases) it(line, () => expect(run(line)).toBe(expected));
});
