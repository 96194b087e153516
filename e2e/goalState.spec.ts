import { expect, test } from './fixtures';
import { StepGoal } from './pages/goal';
import { KeysPanel } from './pages/keysPanel';
import { LessonPanel } from './pages/lesson';

test.describe.configure({ timeout: 90_000 });

/** Runs a script on this browser's session without the editor: a change the learner did not type here. */
const runElsewhere = async (page: import('@playwright/test').Page, script: string) => {
  expect((await page.request.post('/api/commands', { data: { script } })).ok()).toBe(true);
};

test("the step's goal stands beside the keys panel, and each part is ticked off as the keys come to match it", async ({ playground, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const lesson = new LessonPanel(page);
  const goal = new StepGoal(page);
  await playground.open('/lessons/stampede-lock/3');
  await expect(goal.root).toHaveAttribute('data-step', '3');
  await expect(goal.part('cache:data')).toHaveText(/cache:data = "initial value"/);
  await expect(goal.part('cache:data')).toHaveAttribute('data-met', 'false');
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'false');

  // Beside the keys: in the keys column, right above the panel the parts are compared with, in view.
  const goalBox = (await goal.root.boundingBox())!;
  const keysHeading = (await page.getByRole('heading', { name: /^Keys/ }).boundingBox())!;
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
  await runElsewhere(page, 'DEL cache:lock');
  await expect(new KeysPanel(page).row('cache:lock')).toHaveCount(0);
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'false');

  // The goal follows the step on screen.
  await lesson.root.getByRole('button', { name: /^Step 4:/ }).click();
  await expect(goal.root).toHaveAttribute('data-step', '4');
  await expect(goal.part('cache:lock')).toHaveText(/cache:lock: gone/);
  await expect(goal.part('cache:lock')).toHaveAttribute('data-met', 'true');
});

test("a TTL range in the goal is true only while the key's countdown is inside it", async ({ page }) => {
  const keys = new KeysPanel(page);
  const goal = new StepGoal(page);
  await keys.open('/lessons/lock-expiry');
  const lock = goal.part('report:lock');
  await expect(lock).toHaveText(/report:lock = "worker-1", TTL ≤ 5 s/);
  await expect(lock).toHaveAttribute('data-met', 'false');

  // The right holder with too long a TTL: the part stays open once the key is on screen.
  await runElsewhere(page, 'SET report:lock worker-1 PX 60000');
  await expect(keys.row('report:lock')).toBeVisible();
  await expect(lock).toHaveAttribute('data-met', 'false');

  // Shortened into the range, it is ticked; when the countdown runs out, the key is gone and so is the tick.
  await runElsewhere(page, 'PEXPIRE report:lock 4000');
  await expect(lock).toHaveAttribute('data-met', 'true');
  await expect(keys.row('report:lock')).toHaveCount(0, { timeout: 15_000 });
  await expect(lock).toHaveAttribute('data-met', 'false');
});
