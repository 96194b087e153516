import { httpClient } from '../commands/client';
import { percentile } from '../support/app';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The bystander: another learner who keeps doing something cheap while an attacker runs. Its
 * latency, and whether it was answered at all, is what issue 12's "under 1.5 s" target is about.
 */
export interface ProbeAnswer {
  ok: boolean;
  /** The status and the answer's first line, kept for the first failure. */
  note: string;
  /** What the status distribution is counted by (the HTTP status, or "BUSY" and the like). */
  kind: string;
}
export type Probe = () => Promise<ProbeAnswer>;

export interface BystanderFigures {
  n: number;
  p99: number;
  worst: number;
  failures: number;
  firstFailure?: string;
  kinds: Record<string, number>;
}

/** A stalled request is still one sample: its latency counts up to here, and it counts as failed. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Bounds the loop even if an attack never ends: 20 minutes at 50 ms. */
const MAX_SAMPLES = 24_000;

function timed(probe: Probe): Promise<{ ms: number; answer: ProbeAnswer }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, note: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`, kind: 'timeout' }), REQUEST_TIMEOUT_MS);
  });
  const answered = probe().catch((error: Error) => ({ ok: false, note: `network error: ${error.message}`, kind: 'network' }));
  return Promise.race([answered, timeout]).then((answer) => {
    clearTimeout(timer);
    return { ms: performance.now() - started, answer };
  });
}

/**
 * Starts probing every `everyMs` (sequentially, as a person waits for each answer). `stop` waits
 * for the request in flight: a request that spans the attack's end is usually the slowest one.
 */
export function startBystander(probe: Probe, everyMs: number) {
  const latencies: number[] = [];
  const kinds: Record<string, number> = {};
  let failures = 0;
  let firstFailure: string | undefined;
  let stopped = false;
  const loop = (async () => {
    while (!stopped && latencies.length < MAX_SAMPLES) {
      const { ms, answer } = await timed(probe);
      latencies.push(ms);
      kinds[answer.kind] = (kinds[answer.kind] ?? 0) + 1;
      if (!answer.ok) {
        failures += 1;
        firstFailure ??= answer.note;
      }
      if (!stopped) await sleep(everyMs);
    }
  })();
  return {
    async stop(): Promise<BystanderFigures> {
      stopped = true;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      return { n: sorted.length, p99: percentile(sorted, 99), worst: sorted.at(-1) ?? NaN, failures, firstFailure, kinds };
    },
  };
}

type Http = ReturnType<typeof httpClient>;

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 100);

/** `SET k v` and `GET k` in turn, on the bystander's own session: the cheapest thing a learner does. */
export function commandProbe(http: Http, cookie: string): Probe {
  let turn = 0;
  return async () => {
    const script = turn++ % 2 ? 'GET k' : 'SET k v';
    const expected = script === 'GET k' ? '"v"' : 'OK';
    const answer = await http.postJson('/api/commands', cookie, { script });
    if (answer.status !== 200) return { ok: false, note: `${answer.status} ${firstLine(answer.body.toString())}`, kind: String(answer.status) };
    const text = (JSON.parse(answer.body.toString()) as { results: { text: string }[] }).results[0]?.text ?? '';
    // A Redis busy with a script answers BUSY at once: fast, but no answer for the learner.
    return { ok: text === expected, note: `200 ${firstLine(text)}`, kind: text === expected ? '200' : `200 ${text.split(' ').slice(0, 2).join(' ')}` };
  };
}

/** The smallest race there is, from several sessions in turn (each may start 20 races a minute). */
export function raceProbe(http: Http, cookies: string[]): Probe {
  let turn = 0;
  return async () => {
    const cookie = cookies[turn++ % cookies.length]!;
    const answer = await http.postJson('/api/sim', cookie, { clients: 1, backendLatencyMs: 0, windowMs: 0 });
    return { ok: answer.status === 201, note: `${answer.status} ${firstLine(answer.body.toString())}`, kind: String(answer.status) };
  };
}

/** A keys-panel probe that sees nothing of its write within this long counts it as lost. */
const PANEL_TIMEOUT_MS = 5_000;

/**
 * The bystander's keys panel: its own live stream of keys, open and read throughout, and a probe
 * that writes a fresh value and waits for the panel to show it (as a change or in a fresh
 * snapshot). A change the server lost and never made up for shows as a timeout.
 */
export async function keysPanelProbe(url: string, cookie: string): Promise<{ probe: Probe; close(): void }> {
  const http = httpClient(url);
  const tab = new AbortController();
  const response = await fetch(`${url}/api/events`, { headers: { cookie }, signal: tab.signal });
  let seen = '';
  let wake = () => {};
  void (async () => {
    const decoder = new TextDecoder();
    // A fresh snapshot can be large; only the latest few hundred KB are ever searched.
    for await (const chunk of response.body!) {
      seen = (seen + decoder.decode(chunk as Uint8Array, { stream: true })).slice(-256_000);
      wake();
    }
  })().catch(() => undefined);
  let turn = 0;
  const probe: Probe = async () => {
    const value = `probe-${turn++}`;
    seen = '';
    const answer = await http.postJson('/api/commands', cookie, { script: `SET panel ${value}` });
    if (answer.status !== 200) return { ok: false, note: `${answer.status} ${firstLine(answer.body.toString())}`, kind: String(answer.status) };
    const deadline = performance.now() + PANEL_TIMEOUT_MS;
    while (!seen.includes(`\\"${value}\\"`)) {
      if (performance.now() > deadline) return { ok: false, note: `the panel never showed ${value}`, kind: 'lost' };
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    return { ok: true, note: 'shown', kind: 'shown' };
  };
  return {
    probe,
    close: () => {
      tab.abort();
      http.close();
    },
  };
}
