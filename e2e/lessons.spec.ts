import { expect, test } from './fixtures';
import type { Participant } from './pages/workshop';

// Each test types several scripts into Monaco key by key and loads it more than once; on a busy
// two-core machine that alone can take most of the default 30 s.
test.describe.configure({ timeout: 90_000 });

test('a learner completes the seed lesson by typing each step', async ({ playground, lesson }) => {
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

test('a near miss shows its specific hint, and a typo is named', async ({ playground, lesson }) => {
  await playground.type('SET cache:data initial value');
  await playground.run();
  await expect(lesson.hint).toContainText('Without quotes');
  await expect(lesson.progress).toHaveText('0 / 4');
  await playground.type('SET cache:dta "initial value"');
  await playground.run();
  await expect(lesson.hint).toHaveText('Redis key names are exact: you wrote cache:dta; this step is about cache:data.');

  await playground.type('SET cache:data "initial value"\nSET cache:lock "locked"');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 4');
  // A step just reached gives no advice before the learner has tried it: that would hand over its command.
  await expect(lesson.passed.last()).toContainText('Step 2 passed');
  await expect(lesson.hint).toBeEmpty();

  await playground.type('GET cache:data\nSET cache:lock "locked" EX 30');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 4');
  await expect(lesson.hint).toContainText('EX 30 counts in seconds');
  await expect(lesson.hint).toContainText('PX 30000');
});

test('progress survives a reload, and a reset starts over', async ({ playground, lesson }) => {
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
  await expect(playground.lastText).toHaveText('(empty array)');
});

test('lessons and steps have their own URLs, and code blocks run from the lesson', async ({ playground, page, lesson }) => {
  await playground.open('/lessons/safe-release/1');
  await expect(lesson.stepTitle).toContainText('Take the lock with a token');
  await lesson.runExample();
  await expect(playground.lastText).toHaveText('OK');
  await expect(lesson.progress).toHaveText('1 / 3');
  await expect(page).toHaveURL(/\/lessons\/safe-release\/2$/);

  await page.goto('/lessons');
  await expect(page.getByRole('link', { name: 'Release only your own lock' })).toBeVisible();
  await expect(page.getByText('1 / 3 steps')).toBeVisible();
});

test('a learner predicts, types and runs, and sees the prediction beside what Redis answered', async ({ playground, lesson }) => {
  // The editor starts with the step's goal, not the lesson's commands.
  const written = async () => (await playground.editorLines()).filter((line) => line.trim() !== '');
  await expect.poll(written).toEqual(['# Goal (step 1 of 4):', '# store the text "initial value" in the key cache:data.']);

  await playground.type('SET cache:data "initial value"\nSET cache:lock "locked"');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 4');
  await expect(lesson.passed.last()).toHaveText(/^✓ Step 2 passed: cache:lock exists/);

  await expect(lesson.stepTitle).toContainText('A second client tries its luck');
  await expect(lesson.root).not.toContainText('Got (nil)');
  await lesson.predict('(nil)');
  await playground.type('GET cache:data\nSET cache:lock "locked" NX PX 30000');
  await playground.run();
  await expect(lesson.progress).toHaveText('3 / 4');
  await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'true');
  await expect(lesson.predictionOutcome).toContainText(/You predicted\s*\(nil\)/);
  await expect(lesson.predictionOutcome).toContainText(/Redis answered\s*\(nil\)/);
  await expect(lesson.predictionOutcome).toContainText('still held');

  // The prediction is kept with the progress, and cannot be changed after the run.
  await playground.open('/lessons/stampede-lock/3');
  await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'true');
  await expect(lesson.prediction).toHaveCount(0);
});

test('a wrong prediction, and a run without one, are told apart', async ({ playground, lesson }) => {
  await playground.type('SET cache:data "initial value"\nSET cache:lock "locked"');
  await playground.run();
  await lesson.predict('OK');
  await playground.type('GET cache:data\nSET cache:lock "locked" NX PX 30000');
  await playground.run();
  await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'false');
  await expect(lesson.predictionOutcome).toContainText(/You predicted\s*OK/);

  await playground.open('/lessons/safe-release/1');
  await expect(lesson.stepTitle).toContainText('Take the lock with a token');
  await playground.type('SET order:lock 5f2c9e71 NX PX 30000');
  await playground.run();
  await expect(lesson.choice('(integer) 0')).toBeVisible();
  await playground.type(`EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end" 1 order:lock not-mine`);
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 3');
  await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'false');
  await expect(lesson.predictionOutcome).toContainText('You ran it without a prediction.');
});

test('help comes one rung at a time: a hint, part of the answer, then the solution', async ({ playground, lesson }) => {
  await playground.open('/lessons/stampede-lock/3');
  const ladder = lesson.helpLadder;
  await expect(ladder).not.toContainText('NX PX 30000');
  await lesson.moreHelp();
  await expect(ladder).toContainText('Both options matter');
  await lesson.moreHelp();
  await expect(ladder).toContainText('SET cache:lock …');
  await expect(ladder).not.toContainText('"locked" NX PX 30000');
  await lesson.moreHelp();
  await expect(ladder).toContainText('SET cache:lock "locked" NX PX 30000');
});

test('the last step of every lesson bridges to its race, which asks for a prediction before it runs', async ({ page, request, lesson, race }) => {
  const { lessons } = await (await request.get('/api/lessons')).json();
  expect(lessons.length).toBeGreaterThanOrEqual(11);
  for (const { slug, steps } of lessons as { slug: string; steps: number }[]) {
    await page.goto(`/lessons/${slug}/${steps}`);
    await expect(lesson.root).toContainText('Now race it');
    await expect(lesson.raceBridge).toHaveAttribute('href', `/race?from=${slug}`);
    await lesson.raceBridge.click();
    await expect(page).toHaveURL(`/race?from=${slug}`);
    await expect(race.prediction, `the race bridged from ${slug}`).toBeVisible();
    // Answering is optional: the race can always be run.
    await expect(page.getByRole('button', { name: 'Run race' })).toBeEnabled();
  }
});

test("a teacher's dashboard tallies three participants' predictions, and names who opened a solution", async ({ classroom }) => {
  const { dashboard, code } = await classroom.openRoom();
  const [ada, grace, linus] = await classroom.join(code, 'Ada', 'Grace', 'Linus');
  const predict = (who: Participant, choice: string) => who.page.request.post('/api/lessons/stampede-lock/prediction', { data: { step: 3, choice } });
  for (const who of [ada, grace, linus]) await who.run('SET cache:data "initial value"\nSET cache:lock "locked"\nGET cache:data', 'stampede-lock');
  expect((await predict(ada, '(nil)')).ok()).toBe(true);
  expect((await predict(grace, 'OK')).ok()).toBe(true);
  // Linus predicts as a learner does, with the radio on his step.
  await linus.page.goto('/lessons/stampede-lock/3');
  await linus.lesson.predict('(nil)');
  expect((await grace.page.request.post('/api/lessons/stampede-lock/solution', { data: { step: 3 } })).ok()).toBe(true);

  const tally = dashboard.predictionTally;
  const step3 = tally.getByTestId('prediction-tally-step');
  await expect(step3.locator('tr[data-choice="(nil)"]')).toHaveAttribute('data-count', '2');
  await expect(step3.locator('tr[data-choice="OK"]')).toHaveAttribute('data-count', '1');

  for (const who of [ada, grace, linus]) await who.run('SET cache:lock "locked" NX PX 30000', 'stampede-lock');
  await expect(step3).toHaveAttribute('data-decided', '3');
  await expect(step3).toHaveAttribute('data-right', '2');
  await expect(step3).toContainText('2 predicted right, 1 predicted wrong, 0 ran without predicting');
  await expect(tally.getByTestId('solution-opened')).toHaveText('Solution of stampede-lock, step 3, opened by Grace');
  // Each participant's own page shows the prediction beside Redis's answer.
  await linus.page.reload();
  await expect(linus.lesson.predictionOutcome).toHaveAttribute('data-correct', 'true');
});

test('a learner watches the cached key expire, predicts the miss, and plays two clients rebuilding', async ({ playground, lesson, keys, goal }) => {
  await playground.open('/lessons/the-miss');
  await playground.type('SET cache:data "fresh value" PX 5000');
  await playground.run();
  await expect(lesson.progress).toHaveText('1 / 3');
  await expect(keys.ttl('cache:data')).toBeVisible();

  await lesson.predict('(nil)');
  // Beside the keys: the state this step waits for, ticked off when the countdown reaches zero.
  const gone = goal.parts.filter({ hasText: 'cache:data: gone' });
  await expect(gone).toHaveAttribute('data-met', 'false');
  await expect(keys.row('cache:data')).toHaveCount(0, { timeout: 20_000 });
  await expect(gone).toHaveAttribute('data-met', 'true');
  await playground.type('GET cache:data');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 3');
  await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'true');

  await lesson.predict('(nil)');
  await playground.type('SET cache:data "rebuilt by client 1" PX 5000\nSET cache:data "rebuilt by client 2" PX 5000');
  await playground.run();
  await expect(lesson.progress).toHaveText('3 / 3');
  await expect(lesson.predictionOutcome).toHaveAttribute('data-correct', 'false');
  await expect(lesson.predictionOutcome).toContainText('about 200 clients');
  await expect(lesson.raceBridge).toHaveAttribute('href', '/race?from=the-miss');
});

test('a page load the server answers after a run does not take back the progress the run showed', async ({ unopenedPlayground: playground, page, lesson }) => {
  // The server is slow with the page's own progress request: it answers only after the learner's run.
  let answerLoad!: () => void;
  const loadHeld = new Promise<void>((resolve) => (answerLoad = resolve));
  await page.route('**/api/lessons/stampede-lock', async (route) => {
    const response = await route.fetch();
    await loadHeld;
    await route.fulfill({ response });
  });
  // The held load must still be wanted when it is answered: the page gives up on it after 10 s (and
  // asks again). So the run follows the page load at once, typed into the light editor while Monaco,
  // whose loading takes seconds on a busy machine, is held back.
  const monaco = await playground.holdMonaco();
  await playground.openBeforeMonaco('/');
  await expect(lesson.progress).toHaveText('– / 4');

  await playground.lightEditor.fill('SET cache:data "initial value"\nSET cache:lock "locked"');
  await playground.run();
  await expect(lesson.progress).toHaveText('2 / 4');
  const answered = page.waitForResponse('**/api/lessons/stampede-lock');
  answerLoad();
  await (await answered).finished();
  // The page applies an answer in the tasks after its body arrives; two frames later it has drawn it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(lesson.progress).toHaveText('2 / 4');
  await page.unroute('**/api/lessons/stampede-lock');
  monaco.release();
  await playground.open('/');
  await expect(lesson.progress).toHaveText('2 / 4');
});
