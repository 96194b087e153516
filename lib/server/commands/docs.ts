/** Editor help built from `COMMAND DOCS`, so highlighting and completion follow the live server. */

export interface CommandDoc {
  name: string;
  summary: string;
  syntax: string;
  group: string;
  tokens: string[];
}

type Raw = string | number | null | Raw[];

interface Argument {
  name: string;
  type: string;
  token?: string;
  optional: boolean;
  multiple: boolean;
  multipleToken: boolean;
  arguments: Argument[];
}

function toMap(raw: Raw | undefined): Map<string, Raw> {
  const map = new Map<string, Raw>();
  if (Array.isArray(raw)) for (let i = 0; i + 1 < raw.length; i += 2) map.set(String(raw[i]), raw[i + 1]!);
  return map;
}

function parseArgument(raw: Raw): Argument {
  const map = toMap(raw);
  const flags = Array.isArray(map.get('flags')) ? (map.get('flags') as Raw[]).map(String) : [];
  return {
    name: String(map.get('name') ?? ''),
    type: String(map.get('type') ?? 'string'),
    token: map.has('token') ? String(map.get('token')) : undefined,
    optional: flags.includes('optional'),
    multiple: flags.includes('multiple'),
    multipleToken: flags.includes('multiple_token'),
    arguments: Array.isArray(map.get('arguments')) ? (map.get('arguments') as Raw[]).map(parseArgument) : [],
  };
}

/** The usual notation of redis.io: `[NX | XX]`, `key [key ...]`, `<EX seconds | PX milliseconds>`. */
function argumentSyntax(arg: Argument): string {
  let core: string;
  if (arg.type === 'pure-token') core = arg.token ?? arg.name;
  else if (arg.type === 'oneof') core = arg.arguments.map(argumentSyntax).join(' | ');
  else if (arg.type === 'block') core = arg.arguments.map(argumentSyntax).join(' ');
  else core = arg.name;
  let body = arg.multiple ? `${core} [${core} ...]` : core;
  if (arg.token && arg.type !== 'pure-token') {
    body = arg.multipleToken ? `${arg.token} ${core} [${arg.token} ${core} ...]` : `${arg.token} ${body}`;
  }
  if (arg.optional) return `[${body}]`;
  return arg.type === 'oneof' ? `<${body}>` : body;
}

function collectTokens(args: Argument[], into: Set<string>): Set<string> {
  for (const arg of args) {
    if (arg.token) into.add(arg.token.toUpperCase());
    collectTokens(arg.arguments, into);
  }
  return into;
}

function docOf(name: string, raw: Raw): CommandDoc[] {
  const map = toMap(raw);
  const args = Array.isArray(map.get('arguments')) ? (map.get('arguments') as Raw[]).map(parseArgument) : [];
  const display = name.replace('|', ' ').toUpperCase();
  const own: CommandDoc = {
    name: display,
    summary: String(map.get('summary') ?? ''),
    syntax: [display, ...args.map(argumentSyntax)].join(' '),
    group: String(map.get('group') ?? ''),
    tokens: [...collectTokens(args, new Set())],
  };
  const subs = map.get('subcommands');
  const children: CommandDoc[] = [];
  if (Array.isArray(subs)) for (let i = 0; i + 1 < subs.length; i += 2) children.push(...docOf(String(subs[i]), subs[i + 1]!));
  return [own, ...children];
}

/** Parses the flat `COMMAND DOCS` reply (RESP2: name, docs, name, docs…). */
export function parseCommandDocs(raw: Raw): CommandDoc[] {
  const docs: CommandDoc[] = [];
  if (Array.isArray(raw)) for (let i = 0; i + 1 < raw.length; i += 2) docs.push(...docOf(String(raw[i]), raw[i + 1]!));
  return docs.sort((a, b) => a.name.localeCompare(b.name));
}
