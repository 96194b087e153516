import type { CustomScripts, ScriptName } from '@/lib/sim/strategies/customScripts';

/** What POST /api/sim/scripts answers: both scripts compile, or where the first one does not. */
export type ScriptCheck = { ok: true } | { ok: false; script?: ScriptName; line?: number | null; error: string };

/** Asks Redis's compiler (through the app) whether both scripts compile; never throws. */
export async function checkScripts(scripts: CustomScripts, signal: AbortSignal): Promise<ScriptCheck> {
  try {
    const response = await fetch('/api/sim/scripts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scripts), signal });
    const body = (await response.json().catch(() => null)) as ScriptCheck | { error?: string } | null;
    if (response.ok) return { ok: true };
    return { ok: false, error: 'Could not check the scripts.', ...(body as object) } as ScriptCheck;
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { ok: false, error: 'Could not reach the server to check the scripts.' };
  }
}
