import 'server-only';
import type Redis from 'ioredis';
import { DomainError } from '../errors';
import { retryWhileBusy } from '../redis/busy';
import { LuaScript } from '../redis/lua';
import { explainScriptError, type CustomScripts, type ScriptName } from '@/lib/sim/strategies/customScripts';

/** A script that does not compile: which one, and on which of the learner's lines. */
export class ScriptSyntaxError extends DomainError {
  constructor(
    readonly script: ScriptName,
    readonly line: number | undefined,
    message: string,
  ) {
    super('refused', message);
  }
}

/**
 * Compiles a script in Redis without keeping it: SCRIPT LOAD would keep every draft a learner
 * checks in Redis's script cache, which Redis never empties. Only this checker is kept. The chunk
 * is named as Redis names a script, so its errors read as Redis's own (`user_script:3: …`).
 */
const COMPILE = new LuaScript("local f, err = loadstring(ARGV[1], '=user_script') if f then return false end return err");

async function compile(node: Redis, name: ScriptName, source: string): Promise<void> {
  const error = (await retryWhileBusy(() => COMPILE.run(node, [], [source]))) as Buffer | null;
  if (error === null) return;
  const { sentence, line } = explainScriptError(name, error.toString());
  throw new ScriptSyntaxError(name, line, sentence.replace(/failed/, 'does not compile'));
}

/**
 * Checks both scripts with Redis's own compiler, in the form the learner wrote them (`check`),
 * so its errors carry their line numbers; throws a ScriptSyntaxError for the first that fails.
 */
export async function checkScriptSyntax(node: Redis, scripts: CustomScripts, check: (source: string) => string): Promise<void> {
  for (const name of ['read', 'write'] as const) await compile(node, name, check(scripts[name]));
}

/** Loads both scripts in the form that runs (SCRIPT LOAD, as the app: the learner's user may not) and answers their SHA1s. */
export async function loadScripts(node: Redis, scripts: CustomScripts, run: (source: string) => string): Promise<Record<ScriptName, string>> {
  const load = async (name: ScriptName) => {
    try {
      return String(await retryWhileBusy(() => node.call('SCRIPT', 'LOAD', run(scripts[name]))));
    } catch (error) {
      // The checked form compiled, so only a script that reaches out of the race's wrapper gets here.
      if (error instanceof Error && /^ERR /.test(error.message))
        throw new ScriptSyntaxError(
          name,
          undefined,
          `Your ${name} script cannot run in a race: it must be a complete block on its own, and end where it began.`,
        );
      throw error;
    }
  };
  return { read: await load('read'), write: await load('write') };
}
