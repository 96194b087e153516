import { expect, test } from './fixtures';

test.describe.configure({ timeout: 90_000 });

test("the step's goal stands beside the keys panel, and each part is ticked off as the keys come to match it", async ({
  playground,
  page,
  lesson,
  goal,
  keys,
  session,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await playground.open('/lessons/stampede-lock/3');
  await expect(goal.root).toHaveAttribute('data-step', '3');
  await expect(goal.part('cache:data')).toHaveText(/cache:data = "initial value"/);
  await expect(goal.part('cache:data')).toHaveAttribute('data-met', 'false');
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'false');

  // Beside the keys: in the keys column, right above the panel the parts are compared with, in view.
  const goalBox = (await goal.root.boundingBox())!;
  const keysHeading = (await keys.heading.boundingBox())!;
  expect(goalBox.y + goalBox.height).toBeLessThanOrEqual(keysHeading.y);
  expect(goalBox.x).toBeLessThanOrEqual(keysHeading.x);
  expect(goalBox.x + goalBox.width).toBeGreaterThan(keysHeading.x + keysHeading.width);
  await expect(goal.root).toBeInViewport();

  await playground.type('SET cache:data "initial value"');
  await playground.run();
  await expect(lesson.progress).toHaveText('1 / 4');
  await expect(goal.part('cache:data')).toHaveAttribute('data-met', 'true');
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'false');
  await expect(goal.root).toContainText('1 / 2');
  await expect(goal.root).toHaveAttribute('data-met', 'false');

  await playground.type('SET cache:lock "locked"');
  await playground.run();
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'true');
  await expect(goal.root).toHaveAttribute('data-met', 'true');

  // Live: a key changed by no run on this page unticks its part as soon as the keys panel hears of it.
  await session.run('DEL cache:lock');
  await expect(keys.row('cache:lock')).toHaveCount(0);
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'false');

  // The goal follows the step on screen.
  await lesson.goToStep(4);
  await expect(goal.root).toHaveAttribute('data-step', '4');
  await expect(goal.part('cache:lock')).toHaveText(/cache:lock: gone/);
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'true');
});

test("a TTL range in the goal is true only while the key's countdown is inside it", async ({ keys, goal, session }) => {
  await keys.open('/lessons/lock-expiry');
  const lock = goal.part('report:lock');
  await expect(lock).toHaveText(/report:lock = "worker-1", TTL ≤ 5 s/);
  await expect(lock).toHaveAttribute('data-met', 'false');

  // The right holder with too long a TTL: the part stays open once the key is on screen.
  await session.run('SET report:lock worker-1 PX 60000');
  await expect(keys.row('report:lock')).toBeVisible();
  await expect(lock).toHaveAttribute('data-met', 'false');

  // Shortened into the range, it is ticked; when the countdown runs out, the key is gone and so is the tick.
  await session.run('PEXPIRE report:lock 4000');
  await expect(lock).toHaveAttribute('data-met', 'true');
  await expect(keys.row('report:lock')).toHaveCount(0, { timeout: 15_000 });
  await expect(lock).toHaveAttribute('data-met', 'false');
});
