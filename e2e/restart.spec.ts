import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
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
