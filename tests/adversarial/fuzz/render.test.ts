import fc from 'fast-check';
import { expect, it } from 'vitest';
import { splitArgs } from '@/lib/cli/tokenize';
import { parseMonitorLine } from '../../support/monitor';
import { lineStyleArb, renderLine } from './render';

const byte = fc.integer({ min: 0, max: 255 }).map((n) => String.fromCharCode(n));

// The fuzzer generates argument bytes and types them as a line: redis-cli's own splitter must read back those bytes.
it('types any arguments as a line that redis-cli splits back into them', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: byte }), { minLength: 1, maxLength: 6 }), lineStyleArb, (args, style) => {
      expect(splitArgs(renderLine(args, style))?.map((b) => Buffer.from(b).toString('latin1'))).toEqual(args);
    }),
    { seed: 12, numRuns: 2000 },
  );
});

it('reads back the bytes of a MONITOR line, quotes and escapes included', () => {
  expect(parseMonitorLine('1.2 [0 127.0.0.1:5555] "SET" "a\\"b\\\\" "\\xff\\n" ""')).toEqual({
    source: '127.0.0.1:5555',
    argv: ['SET', 'a"b\\', '\xff\n', ''],
  });
  expect(parseMonitorLine('1.2 [0 lua] "KEYS" "*"')).toEqual({ source: 'lua', argv: ['KEYS', '*'] });
});
