import { EVENT_TYPES, type EventType, type SimEvent } from './types';

const CODES = Object.fromEntries(EVENT_TYPES.map((type, code) => [type, code])) as Record<EventType, number>;
const INITIAL_CAPACITY = 1_024;

/**
 * Keeps a run's events for replay, up to a cap so a 10,000-client run cannot eat the server's
 * memory. Events are stored in columns (typed arrays), not as objects: a burst records 60,000
 * events while its clients are still waiting, and young objects that stay alive are exactly what
 * the garbage collector spends its time copying. SimEvent objects are built only when read.
 */
export class Recorder {
  /** Events kept so far; readers remember how far they have read. */
  count = 0;
  truncated = false;
  private t = new Float64Array(INITIAL_CAPACITY);
  private client = new Int32Array(INITIAL_CAPACITY);
  private type = new Uint8Array(INITIAL_CAPACITY);
  private readonly details: (string | undefined)[] = [];

  constructor(
    private readonly now: () => number,
    private readonly maxEvents: number,
  ) {}

  emit(c: number, type: EventType, detail?: string): void {
    const i = this.count;
    if (i >= this.maxEvents) {
      this.truncated = true;
      return;
    }
    if (i === this.t.length) this.grow();
    this.t[i] = round(this.now());
    this.client[i] = c;
    this.type[i] = CODES[type];
    this.details.push(detail);
    this.count = i + 1;
  }

  /** Events `from` (inclusive) to `to` (exclusive), as the API and the replay know them. */
  read(from = 0, to = this.count): SimEvent[] {
    const events: SimEvent[] = [];
    for (let i = from; i < Math.min(to, this.count); i += 1) {
      const detail = this.details[i];
      const event: SimEvent = { t: this.t[i]!, c: this.client[i]!, type: EVENT_TYPES[this.type[i]!]! };
      if (detail !== undefined) event.detail = detail;
      events.push(event);
    }
    return events;
  }

  has(type: EventType): boolean {
    return this.type.subarray(0, this.count).includes(CODES[type]);
  }

  private grow(): void {
    const capacity = Math.min(this.maxEvents, this.t.length * 2);
    const t = new Float64Array(capacity);
    const client = new Int32Array(capacity);
    const type = new Uint8Array(capacity);
    t.set(this.t);
    client.set(this.client);
    type.set(this.type);
    [this.t, this.client, this.type] = [t, client, type];
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
