import { describe, expect, it } from 'vitest';
import { reprBytes } from './escape';
import { splitArgs } from './tokenize';

const utf8 = (text: string) => new TextEncoder().encode(text);
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

// What redis-cli 7.0.15 printed for `GET` of a value holding the bytes 0x00 to 0xff in order.
const allBytesAsRedisCliPrintsThem =
  '"' +
  String.raw`\x00\x01\x02\x03\x04\x05\x06\a\b\t\n\x0b\x0c\r\x0e\x0f` +
  String.raw`\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f` +
  String.raw` !\"#$%&'()*+,-./` +
  String.raw`0123456789:;<=>?` +
  String.raw`@ABCDEFGHIJKLMNO` +
  String.raw`PQRSTUVWXYZ[\\]^_` +
  '`' +
  String.raw`abcdefghijklmno` +
  String.raw`pqrstuvwxyz{|}~\x7f` +
  String.raw`\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f` +
  String.raw`\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f` +
  String.raw`\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf` +
  String.raw`\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf` +
  String.raw`\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf` +
  String.raw`\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf` +
  String.raw`\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef` +
  String.raw`\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff` +
  '"';

describe('reprBytes', () => {
  it.each([
    ['empty', utf8(''), '""'],
    ['printable ASCII', utf8('hello world'), '"hello world"'],
    ['backslash', utf8('a\\b'), String.raw`"a\\b"`],
    ['double quote', utf8('say "hi"'), String.raw`"say \"hi\""`],
    ['single quote stays', utf8("it's"), `"it's"`],
    ['newline', utf8('a\nb'), String.raw`"a\nb"`],
    ['carriage return', utf8('\r'), String.raw`"\r"`],
    ['tab', utf8('\t'), String.raw`"\t"`],
    ['bell', Uint8Array.of(0x07), String.raw`"\a"`],
    ['backspace', Uint8Array.of(0x08), String.raw`"\b"`],
    ['vertical tab has no named escape', Uint8Array.of(0x0b), String.raw`"\x0b"`],
    ['form feed has no named escape', Uint8Array.of(0x0c), String.raw`"\x0c"`],
    ['NUL', Uint8Array.of(0x00), String.raw`"\x00"`],
    ['escape character', Uint8Array.of(0x1b), String.raw`"\x1b"`],
    ['DEL', Uint8Array.of(0x7f), String.raw`"\x7f"`],
    ['high byte in lowercase hex', Uint8Array.of(0xab, 0xff), String.raw`"\xab\xff"`],
    ['UTF-8 is escaped byte by byte', utf8('é'), String.raw`"\xc3\xa9"`],
    ['CJK', utf8('键'), String.raw`"\xe9\x94\xae"`],
    ['space and tilde are printable', utf8(' ~'), '" ~"'],
  ])('%s', (_name, bytes, expected) => {
    expect(reprBytes(bytes)).toBe(expected);
  });

  it('matches redis-cli for every byte value', () => {
    expect(reprBytes(allBytes)).toBe(allBytesAsRedisCliPrintsThem);
  });

  it('reads back through splitArgs to the same bytes', () => {
    expect(splitArgs(reprBytes(allBytes))).toEqual([allBytes]);
  });
});
