import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Tok } from './generate';
import { INTEGERS, strings, type Known } from './vocab';

/** A Lua string literal for any bytes: decimal escapes for everything that is not plain ASCII. */
function luaString(bytes: string): string {
  let out = '';
  for (const c of bytes) out += /[\w :{}#*.+-]/.test(c) ? c : `\\${String(c.charCodeAt(0)).padStart(3, '0')}`;
  return `'${out}'`;
}

/**
 * One redis.call inside a script. Each key goes either through KEYS[] (so the app sees and
 * namespaces it) or as a literal in the script body (so only Redis's ACL stands in the way).
 */
function luaCall(toks: Tok[], viaKeys: boolean[], keys: string[], pcall: boolean): string {
  const args = toks.map((tok, i) => {
    if (!tok.key || !viaKeys[i % viaKeys.length]) return luaString(tok.t);
    keys.push(tok.t);
    return `KEYS[${keys.length}]`;
  });
  return `redis.${pcall ? 'pcall' : 'call'}(${args.join(', ')})`;
}

/** The name a script line starts with; EVALSHA needs the script already cached (an EVAL of it earlier). */
const SCRIPT_NAMES = ['EVAL', 'EVAL', 'EVAL', 'EVAL_RO', 'EVALSHA', 'EVALSHA_RO'];

/**
 * EVAL lines calling generated commands (KEYS, SCAN, GEORADIUS … STORE … included, as any other),
 * with a numkeys that is sometimes wrong. Returns the line's arguments before quoting.
 */
export function evalArb(inner: fc.Arbitrary<Tok[]>, known: Known): fc.Arbitrary<string[][]> {
  return fc
    .record({
      calls: fc.array(
        fc.tuple(
          inner,
          fc.array(
            fc.nat(3).map((n) => n > 0),
            { minLength: 4, maxLength: 4 },
          ),
          fc.nat(3).map((n) => n > 0),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      name: fc.constantFrom(...SCRIPT_NAMES),
      // Mostly the right count; now and then one Redis must refuse (negative, hex, past the arguments).
      numkeys: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...INTEGERS), weight: 1 }),
      argv: fc.array(fc.constantFrom(...strings(known)), { maxLength: 2 }),
      keysAsArgs: fc.boolean(),
    })
    .map(({ calls, name, numkeys, argv, keysAsArgs }) => {
      const keys: string[] = [];
      const body = `return {${calls.map(([toks, viaKeys, pcall]) => luaCall(toks, viaKeys, keys, pcall)).join(', ')}}`;
      const sha = createHash('sha1').update(Buffer.from(body, 'latin1')).digest('hex');
      const count = numkeys ?? String(keys.length);
      const tail = [count, ...keys, ...(keysAsArgs ? keys : []), ...argv];
      // An EVALSHA is preceded by the EVAL that caches its script, so it finds it.
      if (name.startsWith('EVALSHA'))
        return [
          ['EVAL', body, ...tail],
          [name, sha, ...tail],
        ];
      return [[name, body, ...tail]];
    });
}
