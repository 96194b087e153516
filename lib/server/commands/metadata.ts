/**
 * Command metadata as Redis itself describes it (`COMMAND INFO`, `COMMAND DOCS`), converted once
 * into typed records. Key positions, ACL categories and editor help all derive from here.
 */

interface BeginSearch {
  type: 'index' | 'keyword' | 'unknown';
  index?: number;
  keyword?: string;
  startFrom?: number;
}

interface FindKeys {
  type: 'range' | 'keynum' | 'unknown';
  lastKey?: number;
  keyStep?: number;
  limit?: number;
  keyNumIndex?: number;
  firstKey?: number;
}

export interface KeySpec {
  flags: string[];
  beginSearch: BeginSearch;
  findKeys: FindKeys;
}

export interface CommandMeta {
  /** Lower case, `container|sub` for subcommands, as Redis names them. */
  name: string;
  arity: number;
  flags: string[];
  /** The legacy key range of `COMMAND INFO` (first, last, step): a second view of where fixed keys are. */
  legacyKeys: { first: number; last: number; step: number };
  categories: string[];
  keySpecs: KeySpec[];
  subcommands: Map<string, CommandMeta>;
}

type Raw = string | number | null | Raw[];

/** Redis sends maps as flat [key, value, key, value] arrays in RESP2. */
function toMap(raw: Raw): Map<string, Raw> {
  const map = new Map<string, Raw>();
  if (!Array.isArray(raw)) return map;
  for (let i = 0; i + 1 < raw.length; i += 2) map.set(String(raw[i]), raw[i + 1]!);
  return map;
}

const asNumber = (raw: Raw | undefined) => (raw === undefined || raw === null ? undefined : Number(raw));
const asStrings = (raw: Raw | undefined) => (Array.isArray(raw) ? raw.map(String) : []);

function parseKeySpec(raw: Raw): KeySpec {
  const spec = toMap(raw);
  const begin = toMap(spec.get('begin_search') ?? null);
  const beginSpec = toMap(begin.get('spec') ?? null);
  const find = toMap(spec.get('find_keys') ?? null);
  const findSpec = toMap(find.get('spec') ?? null);
  const beginType = String(begin.get('type'));
  const findType = String(find.get('type'));
  return {
    flags: asStrings(spec.get('flags')),
    beginSearch: {
      type: beginType === 'index' || beginType === 'keyword' ? beginType : 'unknown',
      index: asNumber(beginSpec.get('index')),
      keyword: beginSpec.has('keyword') ? String(beginSpec.get('keyword')) : undefined,
      startFrom: asNumber(beginSpec.get('startfrom')),
    },
    findKeys: {
      type: findType === 'range' || findType === 'keynum' ? findType : 'unknown',
      lastKey: asNumber(findSpec.get('lastkey')),
      keyStep: asNumber(findSpec.get('keystep')),
      limit: asNumber(findSpec.get('limit')),
      keyNumIndex: asNumber(findSpec.get('keynumidx')),
      firstKey: asNumber(findSpec.get('firstkey')),
    },
  };
}

/** Parses one entry of the `COMMAND INFO` reply. */
export function parseCommandInfo(raw: Raw): CommandMeta | undefined {
  if (!Array.isArray(raw) || raw.length < 7) return undefined;
  const [name, arity, flags, first, last, step, categories, , keySpecs, subcommands] = raw;
  const subs = new Map<string, CommandMeta>();
  for (const sub of Array.isArray(subcommands) ? subcommands : []) {
    const parsed = parseCommandInfo(sub);
    if (parsed) subs.set(parsed.name, parsed);
  }
  return {
    name: String(name).toLowerCase(),
    arity: Number(arity),
    flags: asStrings(flags),
    legacyKeys: { first: Number(first), last: Number(last), step: Number(step) },
    categories: asStrings(categories).map((c) => c.replace(/^@/, '')),
    keySpecs: Array.isArray(keySpecs) ? keySpecs.map(parseKeySpec) : [],
    subcommands: subs,
  };
}

export class CommandTable {
  private readonly byName = new Map<string, CommandMeta>();

  constructor(commands: Iterable<CommandMeta>) {
    for (const command of commands) this.byName.set(command.name, command);
  }

  get size(): number {
    return this.byName.size;
  }

  get(name: string): CommandMeta | undefined {
    return this.byName.get(name.toLowerCase());
  }

  all(): CommandMeta[] {
    return [...this.byName.values()];
  }

  /** The command, or its subcommand when it is a container such as OBJECT or XINFO. */
  resolve(args: readonly string[]): { meta?: CommandMeta; unknownSubcommand?: boolean } {
    const top = args[0] === undefined ? undefined : this.get(args[0]);
    if (!top || top.subcommands.size === 0 || args.length < 2) return { meta: top };
    const sub = top.subcommands.get(`${top.name}|${args[1]!.toLowerCase()}`);
    return sub ? { meta: sub } : { meta: top, unknownSubcommand: true };
  }
}
