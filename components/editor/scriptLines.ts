import { isCommentLine } from './language/commandIndex';

/** The next line after `line` (1-based) that holds a command, for stepping through a script. */
export function nextCommandLine(lines: readonly string[], line: number): number | undefined {
  for (let n = line + 1; n <= lines.length; n++) {
    const text = lines[n - 1]!;
    if (text.trim() !== '' && !isCommentLine(text)) return n;
  }
  return undefined;
}

/** The 1-based line number of a character offset in `text`. */
export function lineNumberAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Where line `line` (1-based) starts and ends in `text`, as character offsets. */
export function lineRange(text: string, line: number): { start: number; end: number } {
  const lines = text.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  return { start, end: start + (lines[line - 1]?.length ?? 0) };
}
