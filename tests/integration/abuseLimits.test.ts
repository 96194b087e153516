import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/server/http/errors';
import { newLearner } from '../support/learner';

describe('abuse limits', () => {
  afterEach(() => {
    delete process.env.COMMANDS_PER_10S;
  });

  it('answers 429 with a sentence once a session spends its command budget, without touching others', async () => {
    process.env.COMMANDS_PER_10S = '5';
    const flooder = newLearner();
    await flooder.run('SET a 1\nSET b 2\nSET c 3');
    const refused = await flooder.run('SET d 4\nSET e 5\nSET f 6').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(429);
    expect((refused as HttpError).message).toMatch(/more than 5 commands in 10 seconds/);
    expect(await newLearner().texts('PING')).toEqual(['PONG']);
  });

  it('truncates a reply over 1 MiB with a note instead of sending it whole', async () => {
    const learner = newLearner();
    const [, , big] = await learner.run('SET chunk "0123456789abcdef"\nEVAL "local t = {} for i = 1, 80000 do t[i] = redis.call(\'GET\', KEYS[1]) end return t" 1 chunk\nEVAL "local t = {} for i = 1, 80000 do t[i] = redis.call(\'GET\', KEYS[1]) end return t" 1 chunk');
    expect(big!.ok).toBe(true);
    expect(big!.text.length).toBeLessThan(1024 * 1024 + 200);
    expect(big!.text).toMatch(/\n\(reply truncated: [\d,]+ characters, the first 1 MiB shown\)$/);
    expect(big!.reply).toEqual({ truncated: expect.any(Number) });
  }, 30_000);
});
