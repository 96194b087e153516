import { isCommentLine, resolveCommand, splitWords, type CommandIndex, type CommandMeta } from './commandIndex';
import { partForToken, syntaxParts } from './syntax';

/** Hover content as plain data: markdown paragraphs and the 1-based columns they describe. */
export interface HoverInfo {
  startColumn: number;
  endColumn: number;
  contents: string[];
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function commandHover(command: CommandMeta): string[] {
  const contents = [`**${command.name}**${command.group ? ` · ${command.group}` : ''}`, code(command.syntax)];
  if (command.summary) contents.push(command.summary);
  if (!command.allowed) contents.push('_This playground does not run this command._');
  return contents;
}

/** Help for the word under the cursor: the command at the start of the line, or one of its options. */
export function getHover(index: CommandIndex, line: string, column: number): HoverInfo | null {
  if (isCommentLine(line)) return null;
  const { spans } = splitWords(line);
  const offset = column - 1;
  const at = spans.findIndex((s) => offset >= s.start && offset <= s.end);
  if (at === -1) return null;
  const { command, length } = resolveCommand(
    index,
    spans.map((s) => s.text),
  );
  if (!command) return null;
  if (at < length) {
    const first = spans[0]!;
    const last = spans[length - 1]!;
    return { startColumn: first.start + 1, endColumn: last.end + 1, contents: commandHover(command) };
  }
  const span = spans[at]!;
  if (span.quoted) return null;
  const part = partForToken(syntaxParts(command), span.text);
  if (!part) return null;
  return {
    startColumn: span.start + 1,
    endColumn: span.end + 1,
    contents: [`**${span.text.toUpperCase()}** · option of ${command.name}`, code(part.text)],
  };
}
