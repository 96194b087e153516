import { isRecord, request } from '@/lib/api/request';
import type { CustomScripts, ScriptName } from '@/lib/sim/strategies/customScripts';

/** What POST /api/sim/scripts answers: both scripts compile, or where the first one does not. */
export type ScriptCheck = { ok: true } | { ok: false; script?: ScriptName; line?: number | null; error: string };

/** Asks Redis's compiler (through the app) whether both scripts compile; throws only when `signal` cancelled it. */
export async function checkScripts(scripts: CustomScripts, signal: AbortSignal): Promise<ScriptCheck> {
  const outcome = await request('/api/sim/scripts', { method: 'POST', body: scripts, read: (body) => body, signal, what: 'check the scripts' });
  if (outcome.ok) return { ok: true };
  // A 422 says which script and line; anything else is the sentence alone.
  const where = isRecord(outcome.body) ? outcome.body : {};
  return {
    ok: false,
    error: outcome.message,
    ...(typeof where.script === 'string' && { script: where.script as ScriptName }),
    ...(typeof where.line === 'number' && { line: where.line }),
  };
}
