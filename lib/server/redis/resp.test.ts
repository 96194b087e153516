import { describe, expect, it } from 'vitest';
import type { Reply } from '@/lib/cli/reply';
import { RespDecoder } from './resp';

function decodeAll(chunks: string[]): Reply[] {
  const replies: Reply[] = [];
  const decoder = new RespDecoder((r) => replies.push(r));
  for (const chunk of chunks) decoder.write(Buffer.from(chunk, 'latin1'));
  return replies;
}

const bulk = (text: string): Reply => ({ type: 'bulk', value: new Uint8Array(Buffer.from(text, 'latin1')) });

describe('RespDecoder', () => {
  const cases: [string, string[], Reply[]][] = [
    ['a status', ['+OK\r\n'], [{ type: 'status', value: 'OK' }]],
    ['a bulk string that reads OK', ['$2\r\nOK\r\n'], [bulk('OK')]],
    ['an error', ['-ERR nope\r\n'], [{ type: 'error', value: 'ERR nope' }]],
    ['a 64-bit integer, exactly', [':9223372036854775807\r\n'], [{ type: 'integer', value: '9223372036854775807' }]],
    ['a nil bulk and a nil array', ['$-1\r\n*-1\r\n'], [{ type: 'nil' }, { type: 'nil' }]],
    ['an empty array', ['*0\r\n'], [{ type: 'array', value: [] }]],
    ['binary with CRLF inside', ['$4\r\n\r\n\x00\xff\r\n'], [bulk('\r\n\x00\xff')]],
    [
      'nested arrays',
      ['*2\r\n:1\r\n*1\r\n+S\r\n'],
      [
        {
          type: 'array',
          value: [
            { type: 'integer', value: '1' },
            { type: 'array', value: [{ type: 'status', value: 'S' }] },
          ],
        },
      ],
    ],
    [
      'replies split at every byte',
      ['*', '2\r', '\n$3\r\nab', 'c\r', '\n:', '7\r\n'],
      [{ type: 'array', value: [bulk('abc'), { type: 'integer', value: '7' }] }],
    ],
    [
      'several replies in one chunk',
      ['+A\r\n+B\r\n:3\r\n'],
      [
        { type: 'status', value: 'A' },
        { type: 'status', value: 'B' },
        { type: 'integer', value: '3' },
      ],
    ],
  ];
  for (const [name, chunks, expected] of cases) {
    it(`reads ${name}`, () => expect(decodeAll(chunks)).toEqual(expected));
  }
});

describe('RespDecoder with large replies', () => {
  it('reads a 100,000-element reply delivered in small chunks, whole and in order', () => {
    const wire = Buffer.from(`*100000\r\n${Array.from({ length: 100_000 }, (_, i) => `$${String(i).length}\r\n${i}\r\n`).join('')}+after\r\n`, 'latin1');
    const replies: Reply[] = [];
    const decoder = new RespDecoder((r) => replies.push(r));
    for (let i = 0; i < wire.length; i += 4096) decoder.write(wire.subarray(i, i + 4096));
    expect(replies).toHaveLength(2);
    const array = replies[0] as { type: 'array'; value: Reply[] };
    expect(array.value).toHaveLength(100_000);
    expect(array.value[99_999]).toEqual(bulk('99999'));
    expect(replies[1]).toEqual({ type: 'status', value: 'after' });
  });
});
