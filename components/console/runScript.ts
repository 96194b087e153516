import { useAppStore } from '@/lib/stores';
import { postCommands } from './api';

/**
 * Runs a script and logs the outcome in the console.
 * `firstLine` is where the text starts in the editor, so results of a run selection or a single
 * line point at the editor's line numbers rather than at line 1 of the fragment.
 */
export async function runScript(script: string, firstLine = 1, fetchImpl: typeof fetch = fetch): Promise<void> {
  const store = useAppStore.getState();
  if (store.running || script.trim() === '') return;
  store.addToHistory(script);
  store.setRunning(true);
  try {
    const asked = store.openLesson ? store.askProgress() : 0;
    const outcome = await postCommands(script, fetchImpl, store.openLesson ?? undefined);
    const { health } = useAppStore.getState();
    if (outcome.ok) {
      const results = outcome.results.map((r) => ({ ...r, line: r.line + firstLine - 1 }));
      store.appendEntry({ kind: 'results', results });
      if (outcome.lesson) store.setLessonProgress(outcome.lesson, asked);
      // Any answer from Redis proves it is back; no need to wait for the next health poll.
      if (health.redis !== 'up') store.setHealth({ ...health, redis: 'up' });
    } else {
      store.appendEntry({ kind: 'error', message: outcome.message, status: outcome.status });
      if (outcome.status === 503) store.setHealth({ redis: 'down' });
    }
  } finally {
    useAppStore.getState().setRunning(false);
  }
}
