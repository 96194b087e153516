import fc from 'fast-check';
import type { ArgDoc, CommandSpec } from './docs';
import { DOUBLES, INTEGERS, KEY_KEYWORDS, PATTERNS, PLAIN_DOUBLES, SHORT_MILLIS, SHORT_SECONDS, SMALL_INTEGERS, keyNames, strings, type Known } from './vocab';

/** One argument; `key` marks the ones COMMAND DOCS calls keys, which a script may pass through KEYS[]. */
export interface Tok {
  t: string;
  key?: boolean;
}

interface Pools {
  key: fc.Arbitrary<Tok[]>;
  string: fc.Arbitrary<Tok[]>;
  integer: fc.Arbitrary<Tok[]>;
  double: fc.Arbitrary<Tok[]>;
  pattern: fc.Arbitrary<Tok[]>;
}

const word = (t: string): Tok => ({ t });
const one = (values: string[], key = false) => fc.constantFrom(...values).map((t): Tok[] => [{ t, key: key || undefined }]);

/** Every argument shape of COMMAND DOCS: a token before it, optional, repeated, one of, a block of. */
function argArb(doc: ArgDoc, pools: Pools, asked = false): fc.Arbitrary<Tok[]> {
  const token = doc.token === undefined ? [] : [word(doc.token)];
  let value: fc.Arbitrary<Tok[]>;
  if (doc.type === 'pure-token') value = fc.constant([]);
  else if (doc.type === 'oneof') value = fc.oneof(...doc.args.map((a) => argArb(a, pools)));
  else if (doc.type === 'block') value = fc.tuple(...doc.args.map((a) => argArb(a, pools))).map((parts) => parts.flat());
  else if (doc.type === 'unix-time') value = pools.integer;
  else value = pools[doc.type];
  let whole: fc.Arbitrary<Tok[]>;
  if (doc.multiple) {
    const each = doc.multipleToken ? value.map((v) => [...token, ...v]) : value;
    whole = fc.array(each, { minLength: 1, maxLength: 3 }).map((parts) => [...(doc.multipleToken ? [] : token), ...parts.flat()]);
  } else whole = value.map((v) => [...token, ...v]);
  // `asked`: a mutation wants this option present, even where the docs call it optional.
  return doc.optional && !asked ? fc.option(whole, { freq: 2 }).map((v) => v ?? []) : whole;
}

/** Every option that starts with a keyword, however deep: STORE, STOREDIST, MATCH, EX, PX… */
function tokenDocs(args: ArgDoc[]): ArgDoc[] {
  return args.flatMap((a) => [...(a.token ? [a] : []), ...tokenDocs(a.args)]);
}

type Mutation = { kind: 'repeat' | 'keyword' | 'drop' | 'dup' | 'swap'; at: number; other: number; extra: Tok[] };

/** Repeated and conflicting keywords (STORE twice, STORE+STOREDIST, MATCH twice), foreign keywords, shuffles. */
function mutate(words: number, args: Tok[], m: Mutation): Tok[] {
  const out = args.slice();
  const at = words + (out.length - words > 0 ? m.at % (out.length - words + 1) : 0);
  if (m.kind === 'repeat' || m.kind === 'keyword') out.splice(at, 0, ...m.extra);
  else if (out.length <= words) return out;
  else if (m.kind === 'drop') out.splice(Math.min(at, out.length - 1), 1);
  else if (m.kind === 'dup') out.splice(at, 0, out[Math.min(at, out.length - 1)]!);
  else {
    const j = words + (m.other % (out.length - words));
    const i = Math.min(at, out.length - 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A blocking command waits at most its (short, odd) timeout; the app would cap a long one at 5 s,
 * which a few thousand commands cannot afford. Mutations may have moved it, so it is set last.
 */
function shortenTimeout(name: string, toks: Tok[], seconds: string, millis: string): Tok[] {
  const out = toks.slice();
  if (['blpop', 'brpop', 'brpoplpush', 'blmove', 'bzpopmin', 'bzpopmax'].includes(name)) out[out.length - 1] = word(seconds);
  else if (name === 'blmpop' || name === 'bzmpop') out[1] = word(seconds);
  const streams = out.findIndex((t) => t.t.toLowerCase() === 'streams');
  for (let i = 1; i + 1 < (streams < 0 ? out.length : streams); i += 1) if (out[i]!.t.toLowerCase() === 'block') out[i + 1] = word(millis);
  return out;
}

/** The command name as typed: any case, which the quoting step may then wrap or hex-escape. */
const spelled = (w: string) => fc.constantFrom(w, w.toLowerCase(), w[0] + w.slice(1).toLowerCase(), w.slice(0, -1) + w.slice(-1).toLowerCase());

function poolsFor(known: Known): Pools {
  return {
    key: one(keyNames(known), true),
    string: one(strings(known)),
    // Mostly numbers Redis accepts, so commands get past their parsers to their keys; the odd ones a third of the time.
    integer: fc.oneof({ arbitrary: one(SMALL_INTEGERS), weight: 2 }, { arbitrary: one(INTEGERS), weight: 1 }),
    double: fc.oneof({ arbitrary: one(PLAIN_DOUBLES), weight: 2 }, { arbitrary: one(DOUBLES), weight: 1 }),
    pattern: one(PATTERNS),
  };
}

function commandArb(spec: CommandSpec, pools: Pools): fc.Arbitrary<Tok[]> {
  const options = tokenDocs(spec.args);
  const extra: fc.Arbitrary<Tok[]>[] = [fc.tuple(fc.constantFrom(...KEY_KEYWORDS), pools.key).map(([k, v]) => [word(k), ...v])];
  if (options.length > 0) extra.push(fc.constantFrom(...options).chain((doc) => argArb(doc, pools, true)));
  // Options whose argument is a key (STORE, STOREDIST) are where a repeat or a conflict escapes: favoured.
  const keyOptions = options.filter((doc) => spec.keyKeywords.includes(doc.token!.toLowerCase()));
  if (keyOptions.length > 0) extra.push(...Array<fc.Arbitrary<Tok[]>>(3).fill(fc.constantFrom(...keyOptions).chain((doc) => argArb(doc, pools, true))));
  const mutation = fc.record({
    kind: fc.constantFrom<Mutation['kind']>('repeat', 'repeat', 'keyword', 'drop', 'dup', 'swap'),
    at: fc.nat(20),
    other: fc.nat(20),
    extra: fc.oneof(...extra),
  });
  const blocking = spec.flags.includes('blocking');
  return fc
    .tuple(
      fc.tuple(...spec.words.map(spelled)),
      fc.tuple(...spec.args.map((a) => argArb(a, pools))),
      fc.array(mutation, { maxLength: 2 }),
      fc.constantFrom(...SHORT_SECONDS),
      fc.constantFrom(...SHORT_MILLIS),
    )
    .map(([words, args, mutations, seconds, millis]) => {
      let toks: Tok[] = [...words.map(word), ...args.flat()];
      for (const m of mutations) toks = mutate(spec.words.length, toks, m);
      return blocking ? shortenTimeout(spec.name, toks, seconds, millis) : toks;
    });
}

/** Commands that see the whole keyspace by pattern or chance; ACL key patterns do not confine them. */
const LISTING = new Set(['keys', 'scan', 'randomkey', 'dbsize', 'sort', 'sort_ro']);

/**
 * Commands weighted towards the ones that take keys, where confinement can fail, and most towards
 * those with key-introducing keywords and the listing ones; every command of the server still
 * comes up, the refused ones included, since a refusal can be wrong too.
 */
export function anyCommandArb(specs: CommandSpec[], known: Known): fc.Arbitrary<Tok[]> {
  const pools = poolsFor(known);
  const built = new Map<string, fc.Arbitrary<Tok[]>>();
  const arb = (s: CommandSpec) => built.get(s.name) ?? built.set(s.name, commandArb(s, pools)).get(s.name)!;
  const pick = (filter: (s: CommandSpec) => boolean) => fc.constantFrom(...specs.filter(filter)).chain(arb);
  const blocking = (s: CommandSpec) => s.flags.includes('blocking');
  return fc.oneof(
    { arbitrary: pick((s) => s.hasKeys && !blocking(s)), weight: 10 },
    { arbitrary: pick((s) => s.keyKeywords.length > 0 && !blocking(s)), weight: 3 },
    { arbitrary: pick((s) => LISTING.has(s.name)), weight: 2 },
    { arbitrary: pick((s) => !s.hasKeys && !blocking(s)), weight: 2 },
    { arbitrary: pick(blocking), weight: 1 },
  );
}
