import fc from 'fast-check';

/** Bytes an unquoted redis-cli argument may hold: printable, no quote (a quote opens mid-word). */
const BARE = /^[\x21-\x7e]+$/;
const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** `"…"` as redis-cli reads it (lib/cli/tokenize.ts); `disguise` hex-escapes letters too (`"\x45VAL"`). */
function doubleQuoted(arg: string, disguise: boolean): string {
  let out = '';
  for (const c of arg) {
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c < ' ' || c > '~') out += hex(c);
    else out += disguise && /[a-z]/i.test(c) ? hex(c) : c;
  }
  return `"${out}"`;
}

/**
 * One argument typed one of several ways, all meaning the same bytes: bare, double-quoted,
 * hex-escaped, single-quoted, or quoted from the middle (`E"VAL"`). Falls back to double quotes
 * where a style cannot spell the argument.
 */
function renderArg(arg: string, style: number): string {
  const printable = /^[\x20-\x7e]*$/.test(arg);
  switch (style % 6) {
    case 0:
    case 1:
      if (BARE.test(arg) && !/["']/.test(arg)) return arg;
      break;
    case 2:
      return doubleQuoted(arg, true);
    case 3:
      if (printable && !arg.endsWith('\\')) return `'${arg.replace(/'/g, "\\'")}'`;
      break;
    case 4:
      if (arg.length > 1 && BARE.test(arg[0]!) && !/["']/.test(arg[0]!)) return arg[0] + doubleQuoted(arg.slice(1), false);
      break;
  }
  return doubleQuoted(arg, false);
}

const SEPARATORS = [' ', ' ', ' ', '  ', '\t'];

/** Choices for rendering one line: a style per argument and the blanks between them. */
export interface LineStyle {
  styles: number[];
  separator: number;
  leading: boolean;
}

export const lineStyleArb: fc.Arbitrary<LineStyle> = fc.record({
  styles: fc.array(fc.nat(11), { minLength: 8, maxLength: 8 }),
  separator: fc.nat(SEPARATORS.length - 1),
  leading: fc.boolean(),
});

export function renderLine(args: string[], style: LineStyle): string {
  const body = args.map((arg, i) => renderArg(arg, style.styles[i % style.styles.length]!)).join(SEPARATORS[style.separator]);
  return style.leading ? ` ${body}` : body;
}
