import { readLine, type CommandIndex } from './commandIndex';
import { partForToken, requiredCount, syntaxParts, type SyntaxPart } from './syntax';

/** Signature help as plain data; parameters are [start, end) offsets into `label`. */
export interface SignatureInfo {
  label: string;
  documentation: string;
  parameters: [number, number][];
  /** Index into `parameters`, or -1 when no single part applies. */
  activeParameter: number;
}

/** The syntax part the argument being typed belongs to. */
function activePart(parts: readonly SyntaxPart[], args: readonly string[], partial: string): number {
  // An option word, or the value right after one (`EX 10`), belongs to that option's part.
  const byToken = partForToken(parts, partial) ?? (args.length > 0 ? partForToken(parts, args.at(-1)!) : undefined);
  if (byToken) return parts.indexOf(byToken);
  const required = requiredCount(parts);
  if (args.length < required) return args.length;
  // Past the required ones: a repeated argument such as `[key ...]` keeps taking them.
  return parts.findIndex((p, i) => i >= required && p.tokens.length === 0 && p.text.includes('...'));
}

export function getSignatureHelp(index: CommandIndex, beforeCursor: string): SignatureInfo | null {
  const context = readLine(index, beforeCursor);
  if (context.kind !== 'argument' || !context.command) return null;
  const { command, args, partial } = context;
  const parts = syntaxParts(command);
  return {
    label: command.syntax,
    documentation: command.summary,
    parameters: parts.map((p) => [p.start, p.end]),
    activeParameter: activePart(parts, args, partial),
  };
}
