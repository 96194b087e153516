import type Redis from 'ioredis';

/** One argument as COMMAND DOCS describes it (Redis 7: src/commands/*.json). */
export interface ArgDoc {
  name: string;
  type: 'key' | 'string' | 'integer' | 'double' | 'pattern' | 'unix-time' | 'pure-token' | 'oneof' | 'block';
  token?: string;
  optional: boolean;
  multiple: boolean;
  multipleToken: boolean;
  args: ArgDoc[];
}

/** A command or subcommand the fuzzer may generate, from the live server's own metadata. */
export interface CommandSpec {
  /** As Redis names it: `get`, `object|encoding`. */
  name: string;
  /** The words that start the line: `['GET']`, `['OBJECT', 'ENCODING']`. */
  words: string[];
  args: ArgDoc[];
  flags: string[];
  hasKeys: boolean;
  /** Keywords its key specs say introduce keys (GEORADIUS: `store`, `storedist`). */
  keyKeywords: string[];
}

/** Where a keyword introduces keys, from COMMAND INFO's key specs (`STORE` of GEORADIUS, `KEYS` of MIGRATE…). */
export interface KeywordSpec {
  keyword: string;
  /** Where the search starts: from this index on, or (negative) back from the end. */
  startFrom: number;
  /** As in a key spec's `range` find_keys: 0 = one key, -1 = up to the end, limit = share of the rest. */
  lastKey: number;
  keyStep: number;
  limit: number;
}

type Flat = (string | number | Flat)[];

/** RESP2 sends COMMAND DOCS maps as flat `[key, value, key, value…]` arrays. */
function record(flat: Flat): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

function argDoc(flat: Flat): ArgDoc {
  const r = record(flat);
  const flags = (r.flags as string[] | undefined) ?? [];
  return {
    name: String(r.name),
    type: r.type as ArgDoc['type'],
    token: r.token === undefined ? undefined : String(r.token),
    optional: flags.includes('optional'),
    multiple: flags.includes('multiple'),
    multipleToken: flags.includes('multiple_token'),
    args: ((r.arguments as Flat[] | undefined) ?? []).map(argDoc),
  };
}

function keywordSpecs(keySpecs: Flat[]): KeywordSpec[] {
  const out: KeywordSpec[] = [];
  for (const flat of keySpecs) {
    const spec = record(flat);
    const begin = record(spec.begin_search as Flat);
    const find = record(spec.find_keys as Flat);
    if (begin.type !== 'keyword' || find.type !== 'range') continue;
    const keyword = record(begin.spec as Flat);
    const range = record(find.spec as Flat);
    out.push({
      keyword: String(keyword.keyword).toLowerCase(),
      startFrom: Number(keyword.startfrom),
      lastKey: Number(range.lastkey),
      keyStep: Number(range.keystep) || 1,
      limit: Number(range.limit),
    });
  }
  return out;
}

export interface ServerCommands {
  specs: CommandSpec[];
  /** By lower-case name (`georadius`, `object|encoding`). */
  keywords: Map<string, KeywordSpec[]>;
}

/** Reads COMMAND DOCS and COMMAND INFO of the Redis under test: every command it has, as it describes them. */
export async function loadServerCommands(redis: Redis): Promise<ServerCommands> {
  const [docs, info] = (await Promise.all([redis.call('COMMAND', 'DOCS'), redis.call('COMMAND', 'INFO')])) as [Flat, Flat[]];
  const byName = record(docs);
  const specs: CommandSpec[] = [];
  const keywords = new Map<string, KeywordSpec[]>();
  const visit = (row: Flat, doc: Record<string, unknown> | undefined) => {
    const [name, , flags, , , , , , keySpecs, subcommands] = row as [string, number, string[], number, number, number, string[], string[], Flat[], Flat[]];
    const byKeyword = keywordSpecs(keySpecs);
    keywords.set(name, byKeyword);
    const subDocs = record((doc?.subcommands as Flat | undefined) ?? []);
    if (subcommands.length > 0) {
      for (const sub of subcommands) visit(sub as Flat, subDocs[String((sub as Flat)[0])] ? record(subDocs[String((sub as Flat)[0])] as Flat) : undefined);
    }
    // A container (OBJECT, XINFO…) is generated through its subcommands; its bare name is one more shape.
    const args = ((doc?.arguments as Flat[] | undefined) ?? []).map(argDoc);
    specs.push({ name, words: name.toUpperCase().split('|'), args, flags, hasKeys: keySpecs.length > 0, keyKeywords: byKeyword.map((k) => k.keyword) });
  };
  for (const row of info) visit(row, byName[String(row[0])] ? record(byName[String(row[0])] as Flat) : undefined);
  // Redis lists its command table in hash order, which its random hash seed changes on every start.
  specs.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { specs, keywords };
}
