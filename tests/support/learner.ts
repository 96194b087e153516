import { randomBytes } from 'node:crypto';
import { runLearnerScript } from '@/lib/server/console';
import { namespaceOf } from '@/lib/server/session/namespace';
import type { Session } from '@/lib/server/session/namespace';

/** A fresh session, exactly as the server would issue one, with a helper to run a script in it. */
export function newLearner(id = randomBytes(16).toString('base64url')) {
  const session: Session = { id, namespace: namespaceOf(id) };
  return {
    session,
    run: (script: string) => runLearnerScript(session, script),
    texts: async (script: string) => (await runLearnerScript(session, script)).map((r) => r.text),
  };
}
