import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { freePort } from '../lib/server/embedded/freePort';
import { npmStart } from './support/npmStart';

test('restarting npm start loses no keys, no lesson progress and no session', async ({ playwright }) => {
  // Two start-ups of the app and its Redis, on a machine that may be busy.
  test.slow();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stampede-restart-'));
  const port = await freePort();
  let app = await npmStart(dataDir, port);
  const learner = await playwright.request.newContext({ baseURL: app.url });
  try {
    const run = async (script: string, lesson?: string) => (await learner.post('/api/commands', { data: { script, lesson } })).json();
    expect((await run('SET cache:data "initial value"', 'stampede-lock')).lesson.completed).toBe(1);
    expect((await run('SET cache:lock "locked"', 'stampede-lock')).lesson.completed).toBe(2);
    // With the lock gone, only the stored progress still says step 2 was done.
    await run('DEL cache:lock');

    expect(await app.stop()).not.toBeNull();
    app = await npmStart(dataDir, port);

    const after = await learner.post('/api/commands', { data: { script: 'GET cache:data\nEXISTS cache:lock' } });
    expect(after.headers()['set-cookie']).toBeUndefined();
    expect((await after.json()).results.map((r: { text: string }) => r.text)).toEqual(['"initial value"', '(integer) 0']);
    const { progress } = await (await learner.get('/api/lessons/stampede-lock')).json();
    expect(progress.completed).toBe(2);
  } finally {
    await learner.dispose();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a script that wrote and never ends is stopped by restarting npm start's Redis: other keys stay, its writes do not, and its session loses scripts", async ({
  playwright,
}) => {
  test.slow();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stampede-unkillable-'));
  const app = await npmStart(dataDir, await freePort());
  const contexts = await Promise.all([0, 1, 2].map(() => playwright.request.newContext({ baseURL: app.url })));
  const [learner, attacker, bystander] = contexts as [APIRequestContext, APIRequestContext, APIRequestContext];
  const texts = async (who: APIRequestContext, script: string) => {
    const response = await who.post('/api/commands', { data: { script } });
    expect(response.status()).toBe(200);
    return ((await response.json()).results as { text: string }[]).map((r) => r.text);
  };
  try {
    expect(await texts(learner, 'SET cache:data "initial value"')).toEqual(['OK']);
    expect(await texts(attacker, 'SET mine kept')).toEqual(['OK']);

    // Redis answers UNKILLABLE to SCRIPT KILL once a script has written.
    const stuck = await attacker.post('/api/commands', { data: { script: `EVAL "redis.call('SET', KEYS[1], 'half') while true do end" 1 half` } });
    expect(stuck.status()).toBe(422);
    expect((await stuck.json()).error).toMatch(/restarted Redis; nothing your script wrote was kept/);

    await expect.poll(async () => (await learner.post('/api/commands', { data: { script: 'GET cache:data' } })).status(), { timeout: 30_000 }).toBe(200);
    expect(await texts(learner, 'GET cache:data')).toEqual(['"initial value"']);
    expect(await texts(attacker, 'GET mine\nGET half\nEVAL "return 1" 0')).toEqual([
      '"kept"',
      '(nil)',
      "(error) ERR 'eval' is not available in the playground: your last script could only be stopped by restarting Redis, so scripts are off for your session for an hour",
    ]);
    // Everyone else keeps scripts, and a plain runaway is still killed on the restarted Redis.
    const [killed] = await texts(bystander, 'EVAL "while true do end" 0');
    expect(killed).toMatch(/^\(error\) ERR Script killed by user with SCRIPT KILL/);
    expect(await texts(bystander, 'EVAL "return 1" 0')).toEqual(['(integer) 1']);
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
