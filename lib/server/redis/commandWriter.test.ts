import { describe, expect, it } from 'vitest';
import { CommandWriter, encodeCommand } from './commandWriter';

const wire = (args: Parameters<typeof encodeCommand>[0]) => encodeCommand(args).toString('latin1');

describe('encodeCommand', () => {
  it('writes bytes as they are, binary-safe', () => {
    const args = [Buffer.from('SET'), Buffer.from('k'), new Uint8Array([0, 13, 10, 255])];
    expect(wire(args)).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\n\x00\r\n\xff\r\n');
  });

  it('writes text as UTF-8, counting bytes rather than characters', () => {
    expect(encodeCommand(['SET', 'k', 'é']).toString('utf8')).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n');
    const long = 'x'.repeat(300);
    expect(wire(['SET', long])).toBe(`*2\r\n$3\r\nSET\r\n$300\r\n${long}\r\n`);
  });

  it('writes integers in decimal, negative ones with their sign, and unsafe ones as JavaScript prints them', () => {
    expect(wire(['PX', 30000, -15, 0])).toBe('*4\r\n$2\r\nPX\r\n$5\r\n30000\r\n$3\r\n-15\r\n$1\r\n0\r\n');
    expect(wire([2 ** 60, 0.5])).toBe(`*2\r\n$19\r\n${2 ** 60}\r\n$3\r\n0.5\r\n`);
  });
});

describe('CommandWriter', () => {
  it('grows past its first buffer and starts afresh after take()', () => {
    const writer = new CommandWriter();
    const value = 'v'.repeat(40_000);
    writer.command(['SET', 'k', value]);
    writer.append(encodeCommand(['GET', 'k']));
    expect(writer.take().toString()).toBe(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$40000\r\n${value}\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`);
    expect(writer.empty).toBe(true);
  });
});
