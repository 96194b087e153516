import type { KeyEvent } from '@/lib/keys/types';

/** Collects a listener's events and waits for the ones a test expects. */
export function eventRecorder() {
  const seen: KeyEvent[] = [];
  const waiters: (() => void)[] = [];
  const wakeAll = () => waiters.splice(0).forEach((wake) => wake());
  const recorder = {
    seen,
    /** What each delivery held, in order. */
    batches: [] as KeyEvent[][],
    /** How often the hub said changes were lost, so the keys must be read afresh. */
    lost: 0,
    listener: {
      onEvents: (events: KeyEvent[]) => {
        seen.push(...events);
        recorder.batches.push(events);
        wakeAll();
      },
      onLost: () => {
        recorder.lost += 1;
        wakeAll();
      },
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
  return recorder;
}
