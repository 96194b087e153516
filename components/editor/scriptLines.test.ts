import { describe, expect, it } from 'vitest';
import { lineNumberAt, lineRange, nextCommandLine } from './scriptLines';

const script = '# goal\nSET a 1\n\n// note\nGET a';

describe('scriptLines', () => {
  it('steps over blank and comment lines to the next command', () => {
    const lines = script.split('\n');
    expect(nextCommandLine(lines, 1)).toBe(2);
    expect(nextCommandLine(lines, 2)).toBe(5);
    expect(nextCommandLine(lines, 5)).toBeUndefined();
  });

  it('finds the line of an offset, counting from 1', () => {
    expect(lineNumberAt(script, 0)).toBe(1);
    expect(lineNumberAt(script, script.indexOf('SET'))).toBe(2);
    expect(lineNumberAt(script, script.length)).toBe(5);
  });

  it('gives the offsets a line spans, without its newline', () => {
    const { start, end } = lineRange(script, 2);
    expect(script.slice(start, end)).toBe('SET a 1');
    expect(lineRange(script, 3)).toEqual({ start: 15, end: 15 });
    expect(script.slice(lineRange(script, 5).start)).toBe('GET a');
  });
});
