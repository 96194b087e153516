import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Answer } from '../commands/client';
import { httpClient } from '../commands/client';
import { sessionCookie } from '../support/app';

/** What an attack got back, in one line, and how long it took. */
export interface Outcome {
  answer: string;
  ms: number;
  /** A case's own condition besides the bystander's (BLPOP's 5 s cap); undefined when there is none. */
  ownTarget?: boolean;
  extra?: string;
}

type Http = ReturnType<typeof httpClient>;

/** An attack that never answers is reported as such; the loop around it stays bounded. */
const ATTACK_TIMEOUT_MS = 120_000;

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(onTimeout()), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const unescape = (raw: string) => {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw; // cut in the middle of an escape
  }
};

/**
 * The first line of a /api/commands answer, and the first refused line if any. Bodies run to tens
 * of MiB here; parsing them whole would stall this process and with it the bystander's clock, so
 * only their head is read, and errors are counted on the bytes.
 */
function describeCommands(answer: Answer): string {
  const body = answer.body;
  if (answer.status !== 200) return `${answer.status} ${body.toString('utf8', 0, 200).split('\n')[0]}`;
  let lines = 0;
  let errors = 0;
  for (let at = body.indexOf('"line":'); at >= 0; at = body.indexOf('"line":', at + 7)) lines += 1;
  const firstError = body.indexOf('"ok":false');
  for (let at = firstError; at >= 0; at = body.indexOf('"ok":false', at + 10)) errors += 1;
  // "command" comes before "text" and may itself be 60 KB long: look for the field, then read it.
  const textAt = (from: number) => {
    const at = body.indexOf('"text":"', from);
    return at < 0 ? '?' : (/^"text":"((?:[^"\\]|\\.){0,90})/.exec(body.toString('utf8', at, at + 1024))?.[1] ?? '?');
  };
  const first = unescape(textAt(0)).split('\n')[0];
  const errorText = firstError >= 0 ? `; ${errors} refused/failed, first: ${unescape(textAt(firstError)).split('\n')[0]}` : '';
  return `200 ${lines} line${lines === 1 ? '' : 's'} (${(body.length / 2 ** 20).toFixed(1)} MiB): ${first}${errorText}`;
}

/** One hostile participant: a fresh session, and the namespace its keys live under (for clean-up). */
export class Attacker {
  private constructor(
    private readonly http: Http,
    readonly cookie: string,
    readonly namespace: string | undefined,
  ) {}

  /**
   * The namespace is found by writing a marker key and looking for it on the bench's own Redis
   * connection, since it is derived from the signed session id; done first, while writes still work.
   */
  static async create(url: string, http: Http, redis: Redis): Promise<Attacker> {
    const cookie = await sessionCookie(url);
    const marker = `isolation-marker-${randomUUID()}`;
    await http.postJson('/api/commands', cookie, { script: `SET ${marker} 1` });
    const [, keys] = await redis.scan('0', 'MATCH', `sl:{*}:${marker}`, 'COUNT', 1_000_000);
    return new Attacker(http, cookie, /^sl:\{([^}]+)\}:/.exec(keys[0] ?? '')?.[1]);
  }

  /** A run of `script`, described; a run unanswered after 2 minutes is described as that. */
  async run(script: string): Promise<Outcome> {
    const started = performance.now();
    const answer = await withTimeout(
      this.http.postJson('/api/commands', this.cookie, { script }).then(describeCommands, (error: Error) => `network error: ${error.message}`),
      ATTACK_TIMEOUT_MS,
      () => `no answer within ${ATTACK_TIMEOUT_MS / 1000} s`,
    );
    return { answer, ms: performance.now() - started };
  }

  /** Several runs one after the other, as a script posting in a loop would; the last answer is kept. */
  async runs(scripts: string[]): Promise<Outcome> {
    const started = performance.now();
    let last: Outcome = { answer: 'nothing ran', ms: 0 };
    for (const script of scripts) last = await this.run(script);
    return { answer: `last of ${scripts.length} runs: ${last.answer}`, ms: performance.now() - started };
  }

  /** Deletes every key of the session, its internal ones too, so the next case starts on an even Redis. */
  async drop(redis: Redis): Promise<void> {
    if (!this.namespace) return;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `sl:{${this.namespace}}*`, 'COUNT', 10_000);
      cursor = next;
      // UNLINK frees big values off Redis's main thread.
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
}

/** `word` once per argument: "DEL n0 n1 …" from ('DEL', i => `n${i}`, 6000). */
export function line(command: string, arg: (i: number) => string | number, count: number, from = 0): string {
  const parts = [command];
  for (let i = from; i < from + count; i += 1) parts.push(String(arg(i)));
  return parts.join(' ');
}

export const repeatLines = (text: string, count: number) => Array.from({ length: count }, () => text).join('\n');
