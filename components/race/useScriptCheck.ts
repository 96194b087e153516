'use client';

import { useEffect, useState } from 'react';
import type { CustomScripts } from '@/lib/sim/strategies/customScripts';
import { checkScripts, type ScriptCheck } from './scriptsApi';

/** Long enough not to compile every keystroke, short enough that the error is there before Run. */
const PAUSE_MS = 400;

/** The scripts' compile check, redone a moment after the learner stops typing; null while none has answered. */
export function useScriptCheck(scripts: CustomScripts | undefined): ScriptCheck | null {
  const [check, setCheck] = useState<{ of: CustomScripts; result: ScriptCheck } | null>(null);
  useEffect(() => {
    if (!scripts) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      checkScripts(scripts, abort.signal).then(
        (result) => setCheck({ of: scripts, result }),
        () => undefined, // aborted: a newer edit is being checked
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [scripts]);
  // A check of older text says nothing about what is in the editors now.
  return check && check.of === scripts ? check.result : null;
}
