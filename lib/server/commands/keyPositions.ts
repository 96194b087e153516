import type { CommandMeta, KeySpec } from './metadata';

export type KeyPositions = { ok: true; positions: number[]; incomplete: boolean } | { ok: false };

/** The first argument index a spec's keys start at, or undefined when its keyword is absent. */
function beginIndex(spec: KeySpec, argv: readonly string[]): number | undefined | 'invalid' {
  const { beginSearch: bs } = spec;
  if (bs.type === 'index') return bs.index ?? 'invalid';
  if (bs.type !== 'keyword' || bs.keyword === undefined) return 'invalid';
  const argc = argv.length;
  const from = bs.startFrom ?? 1;
  const start = from > 0 ? from : argc + from;
  const end = from > 0 ? argc - 1 : 1;
  const keyword = bs.keyword.toLowerCase();
  for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
    if (i >= argc || i < 1) break;
    if (argv[i]!.toLowerCase() === keyword) return i + 1;
  }
  return undefined;
}

/**
 * Where the keys are in `argv`, following Redis's own key specs (a port of `getKeysUsingKeySpecs`
 * in redis/src/db.c), so commands nobody listed by hand are namespaced correctly too.
 */
export function keyPositions(meta: CommandMeta, argv: readonly string[]): KeyPositions {
  const argc = argv.length;
  const positions = new Set<number>();
  let incomplete = false;
  for (const spec of meta.keySpecs) {
    if (spec.flags.includes('incomplete')) incomplete = true;
    // An unknown spec (SORT's BY/GET patterns) names keys only at run time; callers decide.
    if (spec.beginSearch.type === 'unknown' || spec.findKeys.type === 'unknown') {
      incomplete = true;
      continue;
    }
    let first = beginIndex(spec, argv);
    if (first === undefined) continue;
    if (first === 'invalid') return { ok: false };
    const fk = spec.findKeys;
    let last: number;
    let step: number;
    if (fk.type === 'range') {
      const lastKey = fk.lastKey ?? 0;
      step = fk.keyStep ?? 1;
      if (lastKey >= 0) last = first + lastKey;
      else if (!fk.limit) last = argc + lastKey;
      else last = first + (Math.floor((argc - first) / fk.limit) + lastKey);
    } else {
      step = fk.keyStep ?? 1;
      const numIndex = first + (fk.keyNumIndex ?? 0);
      if (numIndex >= argc) return { ok: false };
      const raw = argv[numIndex]!;
      if (!/^-?\d+$/.test(raw) || Number(raw) < 0) return { ok: false };
      first += fk.firstKey ?? 1;
      last = first + Number(raw) - 1;
      if (Number(raw) === 0) continue;
    }
    if (last >= argc || last < first || first >= argc) return { ok: false };
    for (let i = first; i <= last; i += Math.max(step, 1)) positions.add(i);
  }
  return { ok: true, positions: [...positions].sort((a, b) => a - b), incomplete };
}
