import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { POST } from '@/app/api/commands/route';
import type { LineResult } from '@/lib/server/commands/executor';
import { appRedis } from '@/lib/server/redis/client';
import { slotOf } from '@/lib/server/redis/slot';
import { ownerOf } from '@/lib/server/redis/topology';
import { readCookie, SESSION_COOKIE, verifySessionCookie } from '@/lib/server/session/cookie';
import { namespaceOf, type Namespace } from '@/lib/server/session/namespace';
import { sessionSecret } from '@/lib/server/session/secret';

export interface Answer {
  status: number;
  body: { results?: LineResult[]; error?: string; lesson?: { completed: number } };
  /** The session cookie the server set, if it set one. */
  issued?: string;
}

/**
 * A client of the real POST /api/commands handler that keeps its cookie as a browser would. Each
 * new client is a new session, with its own namespace and its own Redis user.
 */
export class Client {
  constructor(public cookie?: string) {}

  async send(body: BodyInit, headers: Record<string, string> = {}): Promise<Answer> {
    const cookie: Record<string, string> = this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {};
    const request = new Request('http://localhost/api/commands', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...cookie, ...headers },
      body,
      // A streamed body (no content-length) needs this in Node's fetch implementation.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });
    const response = await POST(request);
    const issued = readCookie(response.headers.get('set-cookie')?.split(';')[0] ?? null, SESSION_COOKIE);
    this.cookie = issued ?? this.cookie;
    return { status: response.status, body: (await response.json()) as Answer['body'], issued };
  }

  /** Runs a script and expects the server to have answered it line by line. */
  async run(script: string, lesson?: string): Promise<LineResult[]> {
    const answer = await this.send(JSON.stringify({ script, lesson }));
    expect(answer.status, answer.body.error).toBe(200);
    return answer.body.results!;
  }

  async texts(script: string): Promise<string[]> {
    return (await this.run(script)).map((result) => result.text);
  }

  get sessionId(): string {
    return verifySessionCookie(this.cookie, sessionSecret())!;
  }

  get namespace(): Namespace {
    return namespaceOf(this.sessionId);
  }
}

/** Changes only the server itself makes to a session's bookkeeping: the rate window and the last measurement. */
const BOOKKEEPING = /#(rate:|usage$)/;

/** Every key of a session, its values and internal keys included, as Redis holds them (on a cluster, its slot's primary). */
async function dumpSession(namespace: Namespace): Promise<Record<string, string>> {
  const redis = await ownerOf(appRedis(), slotOf(namespace.prefix));
  const names: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scanBuffer(cursor, 'MATCH', `sl:{${namespace.id}}*`, 'COUNT', 1000);
    cursor = next.toString();
    names.push(...batch.filter((name) => !BOOKKEEPING.test(name.toString('latin1'))));
  } while (cursor !== '0');
  const pipeline = redis.pipeline();
  for (const name of names) pipeline.dumpBuffer(name).pttl(name);
  const rows = (await pipeline.exec()) ?? [];
  const dump: Record<string, string> = {};
  names.forEach((name, i) => {
    const [, value] = rows[i * 2]!;
    const [, pttl] = rows[i * 2 + 1]!;
    dump[name.toString('latin1')] = `${(value as Buffer).toString('hex')} ttl:${Number(pttl) >= 0}`;
  });
  return dump;
}

/** Marks every value of the victim, so a reply that leaks one is easy to spot. */
export const MARK = `victim-only-${randomBytes(4).toString('hex')}`;

const SEED = [
  `SET secret "${MARK}"`,
  `SET cache:data "initial value"`,
  `SET cache:lock "${MARK}"`,
  `RPUSH queue ${MARK}-1 ${MARK}-2`,
  `HSET profile name ${MARK}`,
  `SADD tags ${MARK}`,
  `ZADD board 1 ${MARK}`,
  `XADD events 1-1 kind ${MARK}`,
];

/**
 * The session under attack: a learner with keys of every type and lesson progress. Its state is
 * read straight from Redis before and after each attack.
 */
export async function seedVictim() {
  const client = new Client();
  await client.run(SEED.join('\n'), 'stampede-lock');
  const namespace = client.namespace;
  const before = await dumpSession(namespace);
  expect(Object.keys(before)).toEqual(expect.arrayContaining([`${namespace.prefix}secret`, namespace.keys.progress, namespace.keys.log]));
  return {
    client,
    /** The victim's key prefix, as an attacker who learned it would spell it. */
    prefix: namespace.prefix,
    keys: namespace.keys,
    async expectUnchanged() {
      expect(await dumpSession(namespace)).toEqual(before);
    },
  };
}

export type Victim = Awaited<ReturnType<typeof seedVictim>>;

/** Nothing an attacker got back may carry a value of the victim. */
export function expectNoLeak(results: LineResult[]): void {
  for (const result of results) expect(`${result.text} ${JSON.stringify(result.reply)}`, result.command).not.toContain(MARK);
}

export const refusedAs = (name: string) => new RegExp(`^\\(error\\) ERR '${name}' is not available in the playground: \\w`);
