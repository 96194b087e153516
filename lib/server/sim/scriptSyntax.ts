import 'server-only';
import type Redis from 'ioredis';
import { HttpError } from '../http/errors';
import { retryWhileBusy } from '../redis/busy';
import { explainScriptError, type CustomScripts, type ScriptName } from '@/lib/sim/strategies/customScripts';

/** A script that does not compile: which one, and on which of the learner's lines. */
export class ScriptSyntaxError extends HttpError {
  constructor(
    readonly script: ScriptName,
    readonly line: number | undefined,
    message: string,
  ) {
    super(422, message);
  }
}

/**
 * Compiles both scripts in Redis (SCRIPT LOAD, as the app: the learner's user may not run SCRIPT)
 * and answers their SHA1s. Redis's compiler is the judge, so what passes here is what runs; a
 * script that does not compile is not stored, and its error names the learner's line.
 */
export async function checkScriptSyntax(
  node: Redis,
  scripts: CustomScripts,
  forms: { check: (source: string) => string; run: (source: string) => string },
): Promise<Record<ScriptName, string>> {
  const load = async (name: ScriptName, form: (source: string) => string): Promise<string> => {
    try {
      return String(await retryWhileBusy(() => node.call('SCRIPT', 'LOAD', form(scripts[name]))));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/^ERR /.test(message)) throw error;
      const { sentence, line } = explainScriptError(name, message);
      throw new ScriptSyntaxError(name, line, sentence.replace(/failed/, 'does not compile'));
    }
  };
  // The form as written first: its errors carry the learner's own line numbers.
  for (const name of ['read', 'write'] as const) await load(name, forms.check);
  return { read: await load('read', forms.run), write: await load('write', forms.run) };
}
