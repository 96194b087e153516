import Redis from 'ioredis';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { errorAnswer } from '@/lib/server/http/errors';
import { logFailure, logTo } from '@/lib/server/log/logger';
import { recordRefusals } from '@/lib/server/metrics/record';
import { appRedis, connectionOptions } from '@/lib/server/redis/client';
import { keyIndexKey } from '@/lib/server/session/keyIndex';
import { newLearner } from '../support/learner';

const PASSWORD = 'hunter2-correct-horse';
/** Every line the app logs in this file, as written. */
const written: string[] = [];
const lines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(() => logTo({ write: (line: string) => void written.push(line) }));

describe('the log', () => {
  it('has one line per refused category of a run, naming commands but never their arguments', async () => {
    const learner = newLearner();
    // The last line is a password pasted on its own: an unknown command, whose name is not logged either.
    await learner.run(`AUTH admin ${PASSWORD}\nHELLO 3 AUTH admin ${PASSWORD}\nCONFIG SET requirepass ${PASSWORD}\nFLUSHALL\nGET fine\n${PASSWORD}`);
    const refused = lines().filter((line) => line.msg === 'commands refused' && line.session === learner.session.namespace.id);
    expect(refused).toEqual([
      expect.objectContaining({ reason: 'connection', count: 2, commands: ['auth', 'hello'] }),
      expect.objectContaining({ reason: 'admin', count: 1, commands: ['config'] }),
      expect.objectContaining({ reason: 'dangerous', count: 1, commands: ['flushall'] }),
      expect.objectContaining({ reason: 'unknown-command', count: 1, commands: ['(unknown)'] }),
    ]);
    expect(written.join('')).not.toContain(PASSWORD);
  });

  it('logs a background failure nobody waits for, once, with its context', async () => {
    const learner = newLearner();
    // The session's key index is a set; as a string, indexing what the run wrote fails after the learner has their answer.
    await appRedis().set(keyIndexKey(learner.session.namespace), 'not a set');
    expect(await learner.texts('SET a 1')).toEqual(['OK']);
    const failed = () => lines().filter((line) => line.msg === 'indexing written keys failed' && line.session === learner.session.namespace.id);
    await vi.waitFor(() => expect(failed()).toHaveLength(1), { timeout: 5_000 });
    expect(failed()[0]).toMatchObject({ level: 40, err: { message: expect.stringMatching(/WRONGTYPE/) } });
  });

  it('never writes a password that reached an error, and answers an unexpected error 500 with a sentence', async () => {
    // The app's own Redis, or the first node of its cluster.
    const direct = new Redis({ ...connectionOptions(), lazyConnect: true });
    // ioredis attaches the failed command, arguments and all, to its error.
    const error = await direct.call('AUTH', 'nobody', PASSWORD).catch((e: unknown) => e);
    direct.disconnect();
    expect(JSON.stringify((error as { command: unknown }).command)).toContain(PASSWORD);
    logFailure('authenticating', { password: PASSWORD })(error);
    const answer = errorAnswer(error);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).error).toMatch(/^The playground hit a problem it did not expect[^\n]*\.$/);
    expect(lines().filter((line) => line.msg === 'authenticating failed' || line.msg === 'unexpected error in the API')).toHaveLength(2);
    expect(written.join('')).not.toContain(PASSWORD);
  });

  it('writes only lines at LOG_LEVEL and above', () => {
    const quiet: string[] = [];
    process.env.LOG_LEVEL = 'warn';
    try {
      logTo({ write: (line: string) => void quiet.push(line) });
      recordRefusals('0123456789abcdef', 'admin', ['config']);
      logFailure('sweeping idle sessions')(new Error('gone'));
    } finally {
      delete process.env.LOG_LEVEL;
    }
    expect(quiet.map((line) => JSON.parse(line).msg)).toEqual(['sweeping idle sessions failed']);
  });
});
