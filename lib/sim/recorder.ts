import type { EventType, SimEvent } from './types';

export type EventListener = (events: SimEvent[]) => void;

/**
 * Keeps a run's events for replay, up to a cap so a 10,000-client run cannot eat the server's
 * memory, and hands each one to live listeners (the SSE stream batches them).
 */
export class Recorder {
  readonly events: SimEvent[] = [];
  truncated = false;
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly now: () => number,
    private readonly maxEvents: number,
  ) {}

  emit(c: number, type: EventType, detail?: string): void {
    if (this.events.length >= this.maxEvents) {
      this.truncated = true;
      return;
    }
    const event: SimEvent = detail === undefined ? { t: round(this.now()), c, type } : { t: round(this.now()), c, type, detail };
    this.events.push(event);
    for (const listener of this.listeners) listener([event]);
  }

  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
