import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedRedis, type EmbeddedRedis } from '../lib/server/embedded/redisServer';
import { expect, test } from './fixtures';
import { LessonPanel } from './pages/lesson';
import { Playground } from './pages/playground';
import { startAppServer, type AppServer } from './support/appServer';

const FIXTURE = path.join(__dirname, 'fixtures/lessons/jitter-the-hot-key.md');
const SOURCE = readFileSync(FIXTURE, 'utf8');
const STEP_1 = 'SET hot:1 "v" PX 31000';
const STEP_2 = 'SET lock:hot:1 "me" NX PX 30000\nSET lock:hot:1 "you" NX PX 30000';

test.describe('a lesson file in LESSONS_DIR', () => {
  let redis: EmbeddedRedis;
  let app: AppServer;
  let log = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'stampede-lessons-e2e-'));

  test.beforeAll(async () => {
    // A broken file from the start: the app starts all the same, and its log names the file and line.
    writeFileSync(path.join(dir, 'broken.md'), SOURCE.replace('slug: jitter-the-hot-key', 'slug: broken').replace('ttl hot:1 25000..35000', 'ttl hot:1 soon'));
    redis = await startEmbeddedRedis();
    app = await startAppServer(redis.url, { LESSONS_DIR: dir }, (text) => (log += text));
  });

  test.afterAll(async () => {
    await app?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('appears in the list when dropped in, passes only when Redis agrees, shows its markup as text, and a broken file is logged by name and line', async ({
    newBrowser,
  }) => {
    // Two Monaco loads and a lesson typed step by step, on a machine other workers share.
    test.slow();
    await expect.poll(() => log.includes('broken.md')).toBe(true);
    const broken = log.split('\n').find((line) => line.includes('broken.md'));
    expect(JSON.parse(broken!)).toMatchObject({ file: path.join(dir, 'broken.md'), line: 21, reason: expect.stringMatching(/`ttl` takes a key and a range/) });

    const page = await newBrowser(app.url);
    const playground = new Playground(page);
    const lesson = new LessonPanel(page);
    await page.goto('/lessons');
    await expect(page.getByRole('link', { name: 'Prevent a cache stampede with a lock' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Jitter the hot key' })).toHaveCount(0);
    copyFileSync(FIXTURE, path.join(dir, 'jitter.md'));
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('link', { name: 'Jitter the hot key' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });

    // A full page load, so the flag is set before any of the lesson's text reaches the page.
    await page.addInitScript(() => ((window as { lessonMarkupRan?: boolean }).lessonMarkupRan = false));
    await playground.open('/lessons/jitter-the-hot-key');
    await expect(lesson.progress).toHaveText('0 / 2');
    // Raw HTML is text on the page: no image, no script, nothing ran.
    await expect(lesson.root).toContainText('<img src=x onerror="window.lessonMarkupRan = true">');
    await expect(lesson.root).toContainText('<script>window.lessonMarkupRan = true</script>');
    await expect(lesson.root.locator('img, script, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { lessonMarkupRan?: boolean }).lessonMarkupRan)).toBe(false);

    await playground.paste('SET hot:1 "v" PX 60000');
    await playground.run();
    await expect(lesson.hint).toContainText('this step wants 25000..35000 ms');
    await expect(lesson.progress).toHaveText('0 / 2');
    await playground.paste(STEP_1);
    await playground.run();
    await expect(lesson.progress).toHaveText('1 / 2');

    await lesson.predict('(nil)');
    await playground.paste(STEP_2);
    await playground.run();
    await expect(lesson.progress).toHaveText('2 / 2');
    await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'true');
    await expect(lesson.raceBridge).toHaveAttribute('href', '/race?from=jitter-the-hot-key');

    // The state the learner reached, as a draft step for the next lesson.
    await page.getByRole('button', { name: 'Save as a step' }).click();
    await expect(page.getByTestId('step-draft')).toHaveValue(
      /```check\nvalue hot:1 v\nttl hot:1 24000\.\.31000\nvalue lock:hot:1 me\nttl lock:hot:1 24000\.\.30000\nreplied SET lock:hot:1 "you" NX PX 30000 => \(nil\)\n```/,
    );
  });
});

test('a teacher pastes a lesson into a workshop; three participants see it and progress on the dashboard', async ({ classroom, newBrowser }) => {
  test.slow();
  const { dashboard, code } = await classroom.openRoom();
  const markdown = SOURCE.replace('slug: jitter-the-hot-key', 'slug: room-hot-key').replace('title: Jitter the hot key', 'title: The room’s hot key');

  let form = await dashboard.addLesson(markdown.replace('value hot:1 "v"', 'value hot:1'));
  await expect(form.getByTestId('lesson-errors')).toContainText('line 20: `value` takes a key and the text it holds');

  form = await dashboard.addLesson(markdown);
  await expect(dashboard.page.getByRole('status').filter({ hasText: 'Added "The room’s hot key" (2 steps)' })).toBeVisible();
  await expect(form.getByTestId('lesson-errors')).toHaveCount(0);

  const [ada, grace, linus] = await classroom.join(code, 'Ada', 'Grace', 'Linus');
  for (const participant of [ada, grace, linus]) await expect(participant.page.getByRole('link', { name: 'The room’s hot key' })).toBeVisible();
  // Someone outside the workshop cannot open it.
  const outsider = await newBrowser();
  expect((await outsider.goto('/lessons/room-hot-key'))!.status()).toBe(404);

  await dashboard.push('The room’s hot key', 1);
  for (const participant of [ada, grace, linus]) await participant.waitForStep('room-hot-key', 1);

  await ada.run('SET hot:1 "v"', 'room-hot-key');
  for (const participant of [ada, grace, linus]) await participant.run(STEP_1, 'room-hot-key');
  await ada.run(STEP_2, 'room-hot-key');
  await expect(dashboard.rows).toHaveCount(3);
  for (const name of ['Grace', 'Linus']) {
    await expect(dashboard.row(name)).toContainText('The room’s hot key');
    await expect(dashboard.step(name)).toHaveText('2 / 2');
  }
  await expect(dashboard.step('Ada')).toHaveText('finished');
  await expect(dashboard.row('Ada')).toContainText('The room’s hot key');
});
