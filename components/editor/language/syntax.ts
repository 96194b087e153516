import type { CommandMeta } from './commandIndex';

/** One top-level argument of a syntax line, e.g. `key` or `[EX seconds | PX milliseconds]`. */
export interface SyntaxPart {
  text: string;
  /** Offsets into the full syntax string, as Monaco's parameter labels want them. */
  start: number;
  end: number;
  optional: boolean;
  /** The command's option tokens that appear in this part, upper case. */
  tokens: string[];
}

const OPENERS = '[(<{';
const CLOSERS = ']})>';

/** Where the argument list starts: after the name, which the syntax line repeats. */
function argumentsStart(command: CommandMeta): number {
  const prefix = new RegExp(`^\\s*${command.name.split(' ').join('\\s+')}(?=\\s|$)`, 'i');
  return prefix.exec(command.syntax)?.[0].length ?? 0;
}

export function syntaxParts(command: CommandMeta): SyntaxPart[] {
  const { syntax } = command;
  const known = new Set(command.tokens.map((t) => t.toUpperCase()));
  const parts: SyntaxPart[] = [];
  let depth = 0;
  let start = -1;
  const close = (end: number) => {
    const text = syntax.slice(start, end);
    const tokens = (text.match(/[A-Za-z][\w-]*/g) ?? []).map((w) => w.toUpperCase()).filter((w) => known.has(w));
    parts.push({ text, start, end, optional: text.startsWith('['), tokens: [...new Set(tokens)] });
    start = -1;
  };
  for (let i = argumentsStart(command); i < syntax.length; i++) {
    const c = syntax[i]!;
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    if (c === ' ' && depth === 0) {
      if (start !== -1) close(i);
    } else if (start === -1) {
      start = i;
    }
  }
  if (start !== -1) close(syntax.length);
  return parts;
}

/** How many arguments come before the first optional one: `SET key value [NX | XX]` → 2. */
export function requiredCount(parts: readonly SyntaxPart[]): number {
  const firstOptional = parts.findIndex((p) => p.optional);
  return firstOptional === -1 ? parts.length : firstOptional;
}

/** The part that introduces an option token, e.g. EX → `[EX seconds | PX milliseconds …]`. */
export function partForToken(parts: readonly SyntaxPart[], token: string): SyntaxPart | undefined {
  const upper = token.toUpperCase();
  return parts.find((p) => p.tokens.includes(upper));
}
