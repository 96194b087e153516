import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('toBase64', () => {
  // The test vectors of RFC 4648 §10.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('%j', (text, expected) => {
    expect(toBase64(ascii(text))).toBe(expected);
  });

  it('uses + and / for the top of the alphabet', () => {
    expect(toBase64(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('+/+/');
  });

  it.each([1, 2, 3, 255, 256, 257])('agrees with Node for %i bytes', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
