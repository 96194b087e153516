import type { KeyEvent } from '@/lib/keys/types';

/** Collects a listener's events and waits for the ones a test expects. */
export function eventRecorder() {
  const seen: KeyEvent[] = [];
  const waiters: (() => void)[] = [];
  return {
    seen,
    listener: (events: KeyEvent[]) => {
      seen.push(...events);
      waiters.splice(0).forEach((wake) => wake());
    },
    async waitFor(predicate: (e: KeyEvent) => boolean, timeoutMs = 3_000): Promise<KeyEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No matching event; saw ${JSON.stringify(seen.map((e) => [e.event, e.key]))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}
