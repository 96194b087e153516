import { readSse } from '../../tests/support/sseReader';
import { sessionCookie } from '../support/app';
import { setTimeout as sleep } from 'node:timers/promises';

/** The seed lesson's steps, cycled; each but the GET changes a key, so its event can be timed. */
const STEPS: { script: string; key?: string; event?: string }[] = [
  { script: 'SET cache:data "initial value"', key: 'cache:data', event: 'set' },
  { script: 'SET cache:lock "locked" NX PX 30000', key: 'cache:lock', event: 'set' },
  { script: 'GET cache:data' },
  { script: 'DEL cache:lock', key: 'cache:lock', event: 'del' },
];
const EVENT_TIMEOUT_MS = 5_000;

export interface Samples {
  commandMs: number[];
  eventMs: number[];
  raceMs: number[];
  dashboardMs: number[];
}

const newSamples = (): Samples => ({ commandMs: [], eventMs: [], raceMs: [], dashboardMs: [] });

/**
 * What the run measured. Work started before the measuring begins is the warm-up: a freshly
 * started server compiles its hot paths then, which no room sees after its first minute. Its
 * latencies are kept apart; its errors count like any others.
 */
export class Tally {
  readonly warmUp = newSamples();
  readonly measured = newSamples();
  readonly errors = new Map<string, number>();
  private measureFrom = Infinity;

  beginMeasuringAt(at: number): void {
    this.measureFrom = at;
  }

  /** Where the figures of work started at `startedAt` belong. */
  samplesOf(startedAt: number): Samples {
    return startedAt < this.measureFrom ? this.warmUp : this.measured;
  }

  countError(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }
}

/** One learner in the room: a cookie, two open event streams, lesson commands and races. */
export class BenchParticipant {
  private cookie = '';
  private step = 0;
  private readonly waiting = new Map<string, () => void>();
  private readonly streams = new AbortController();

  constructor(
    private readonly url: string,
    private readonly tally: Tally,
  ) {}

  private post(path: string, body: unknown) {
    return fetch(`${this.url}${path}`, { method: 'POST', headers: { cookie: this.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** A room lets 40 in at once, then 3 a second (429 with the wait in its sentence), as a class arriving would find it. */
  async join(code: string, name: string): Promise<void> {
    this.cookie = await sessionCookie(this.url);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const response = await this.post(`/api/rooms/${code}/join`, { name });
      if (response.ok) return;
      const text = await response.text();
      if (response.status !== 429) throw new Error(`Joining answered ${response.status}: ${text}`);
      const wait = Number(/Try again in (\d+) s/.exec(text)?.[1] ?? 1);
      await sleep(wait * 1000);
    }
    throw new Error(`Joining ${code} was still refused after 200 tries.`);
  }

  /** The key-event stream and the room's stream stay open for the whole run, as a browser tab's would. */
  async openStreams(code: string): Promise<void> {
    const open = async (path: string, onMessage: Parameters<typeof readSse>[1]) => {
      const response = await fetch(`${this.url}${path}`, { headers: { cookie: this.cookie }, signal: this.streams.signal });
      if (!response.ok || !response.body) throw new Error(`${path} answered ${response.status}`);
      void readSse(response.body, onMessage).then(() => {
        if (!this.streams.signal.aborted) this.tally.countError(`stream ${path.split('/').pop()} ended`);
      });
    };
    await open('/api/events', ({ event, data }) => {
      if (event !== 'keys') return;
      for (const change of (data as { events: { key: string; event: string }[] }).events) this.waiting.get(`${change.key} ${change.event}`)?.();
    });
    await open(`/api/rooms/${code}/events`, () => undefined);
  }

  closeStreams(): void {
    this.streams.abort();
  }

  /**
   * Runs the next lesson step, timing the command and, where it changed a key, the key's event. The
   * waiter is set before sending, as the event may arrive before the HTTP answer does.
   */
  async lessonTick(): Promise<void> {
    const step = STEPS[this.step++ % STEPS.length]!;
    const expected = step.key && `${step.key} ${step.event}`;
    const started = performance.now();
    let arrivedAt: number | undefined;
    const arrived = new Promise<void>((resolve) => {
      if (!expected) return resolve();
      const timer = setTimeout(resolve, EVENT_TIMEOUT_MS);
      this.waiting.set(expected, () => {
        arrivedAt ??= performance.now();
        clearTimeout(timer);
        resolve();
      });
    });
    let changed = false;
    try {
      const response = await this.post('/api/commands', { script: step.script, lesson: 'stampede-lock' });
      this.tally.samplesOf(started).commandMs.push(performance.now() - started);
      if (!response.ok) this.tally.countError(`command HTTP ${response.status}`);
      const { results } = (await response.json()) as { results?: { text: string }[] };
      // SET … NX answers (nil) and DEL answers 0 when nothing changed: then no event is due.
      changed = Boolean(expected) && !['(nil)', '(integer) 0'].includes(results?.at(-1)?.text ?? '');
    } catch {
      this.tally.countError('command network error');
    }
    if (changed) await arrived;
    if (expected) this.waiting.delete(expected);
    if (!changed) return;
    if (arrivedAt === undefined) this.tally.countError('key event missing after 5 s');
    else this.tally.samplesOf(started).eventMs.push(arrivedAt - started);
  }

  /** A 100-client race, followed to its end the way the race page polls it. */
  async race(): Promise<void> {
    const started = performance.now();
    try {
      const response = await this.post('/api/sim', { clients: 100, strategy: 'lock-poll' });
      if (response.status !== 201) return void this.tally.countError(`race start HTTP ${response.status}`);
      const { id } = (await response.json()) as { id: string };
      for (;;) {
        await sleep(250);
        const view = (await (await fetch(`${this.url}/api/sim/${id}?events=none`, { headers: { cookie: this.cookie } })).json()) as { status: string };
        if (view.status === 'running') continue;
        if (view.status !== 'done') this.tally.countError(`race ${view.status}`);
        else this.tally.samplesOf(started).raceMs.push(performance.now() - started);
        return;
      }
    } catch {
      this.tally.countError('race network error');
    }
  }
}
