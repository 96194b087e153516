import { expect, test } from './fixtures';
import { LessonPanel } from './pages/lesson';

// Each test types several scripts into Monaco key by key and loads it more than once; on a busy
// two-core machine that alone can take most of the default 30 s.
test.describe.configure({ timeout: 90_000 });

test('a learner completes the seed lesson by typing each step', async ({ playground, page }) => {
  const lesson = new LessonPanel(page);
  await expect(lesson.progress).toHaveText('0 / 4');
  await expect(lesson.stepTitle).toContainText('Cache a value');

  const steps = [
    ['SET cache:data "initial value"', '1 / 4', 'Someone takes the lock'],
    ['SET cache:lock "locked"', '2 / 4', 'A second client tries its luck'],
    ['GET cache:data\nSET cache:lock "locked" NX PX 30000', '3 / 4', 'Release the lock'],
    ['DEL cache:lock', '4 / 4', 'Release the lock'],
  ] as const;
  for (const [script, progress, nextTitle] of steps) {
    await playground.type(script);
    await playground.run();
    await expect(lesson.progress).toHaveText(progress);
    await expect(lesson.stepTitle).toContainText(nextTitle);
  }
  expect((await playground.texts()).slice(2, 4)).toEqual(['"initial value"', '(nil)']);
  await expect(lesson.root).toContainText('Lesson complete.');
});

test('a near miss shows its specific hint', async ({ playground, page }) => {
  const lesson = new LessonPanel(page);
  await playground.type('SET cache:data initial value');
  await playground.run();
  await expect(lesson.hint).toContainText('Without quotes');
  await expect(lesson.progress).toHaveText('0 / 4');

  await playground.type('SET cache:data "initial value"\nSET cache:lock "locked"\nGET cache:data\nSET cache:lock "locked" EX 30');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 4');
  await expect(lesson.hint).toContainText('EX 30 counts in seconds');
  await expect(lesson.hint).toContainText('PX 30000');
});

test('progress survives a reload, and a reset starts over', async ({ playground, page }) => {
  const lesson = new LessonPanel(page);
  await playground.type('SET cache:data "initial value"\nSET cache:lock "locked"');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 4');

  await playground.open('/');
  await expect(lesson.progress).toHaveText('2 / 4');
  await expect(lesson.stepTitle).toContainText('A second client tries its luck');

  await lesson.reset();
  await expect(lesson.progress).toHaveText('0 / 4');
  await expect(lesson.root).toContainText('2 keys deleted');
  await playground.type('KEYS *');
  await playground.run();
  await expect(playground.results.last().locator('pre')).toHaveText('(empty array)');
});

test('lessons and steps have their own URLs, and code blocks run from the lesson', async ({ playground, page }) => {
  const lesson = new LessonPanel(page);
  await playground.open('/lessons/safe-release/1');
  await expect(lesson.stepTitle).toContainText('Take the lock with a token');
  await lesson.runExample();
  await expect(playground.results.last().locator('pre')).toHaveText('OK');
  await expect(lesson.progress).toHaveText('1 / 3');
  await expect(page).toHaveURL(/\/lessons\/safe-release\/2$/);

  await page.goto('/lessons');
  await expect(page.getByRole('link', { name: 'Release only your own lock' })).toBeVisible();
  await expect(page.getByText('1 / 3 steps')).toBeVisible();
});
