import { expect, test } from './fixtures';
import { KeysPanel } from './pages/keysPanel';
import { Session } from './pages/session';

test('a lock taken with NX PX counts down and disappears by itself', async ({ playground, keys }) => {
  await playground.type('SET cache:lock locked NX PX 3000');
  const first = keys.firstSecondsLeft('cache:lock');
  await playground.run();

  const lock = keys.row('cache:lock');
  await expect(lock).toBeVisible();
  await expect(lock).toHaveAttribute('data-kind', 'lock');
  await expect(lock).toHaveAttribute('data-expires-at', /^\d{13}$/);
  await expect(lock).toContainText('"locked"');
  const started = await first;
  expect(started).toBeGreaterThan(2);
  expect(started).toBeLessThanOrEqual(3.1);
  await expect.poll(() => keys.secondsLeft('cache:lock')).toBeLessThan(started);

  await expect(lock).toBeHidden();
  await expect(lock).toHaveCount(0);
  await expect(keys.events.filter({ hasText: 'cache:lock' }).filter({ hasText: 'expired' })).toHaveCount(1);
});

test('DEL removes a row at once, and a persistent key says so', async ({ playground, keys }) => {
  await playground.paste('SET cache:data "initial value"\nSET cache:lock locked NX PX 60000');
  await playground.run();
  await expect(keys.rows).toHaveCount(2);
  expect(await keys.names()).toEqual(['cache:data', 'cache:lock']);
  await expect(keys.ttl('cache:data')).toHaveText('no expiry');
  await expect(keys.row('cache:data')).not.toHaveAttribute('data-expires-at');

  await playground.paste('DEL cache:lock');
  await playground.run();
  await expect(keys.row('cache:lock')).toHaveCount(0);
  await expect(keys.rows).toHaveCount(1);
});

test('the filter narrows the list by name', async ({ playground, keys }) => {
  await playground.paste('SET cache:a 1\nSET cache:b 2\nSET queue 3');
  await playground.run();
  await expect(keys.rows).toHaveCount(3);
  await keys.filter.fill('CACHE');
  expect(await keys.names()).toEqual(['cache:a', 'cache:b']);
});

test('two learners never see each other’s keys', async ({ playground, keys: mine, newBrowser }) => {
  // Two pages load at once, and a busy CI machine can take a while over that.
  test.slow();
  const theirs = new KeysPanel(await newBrowser());
  await theirs.open();

  await playground.paste('SET cache:mine 1');
  await playground.run();
  // The other learner runs a script from their own tab, with their own session cookie.
  await new Session(theirs.page.request).run('SET cache:theirs 2');

  await expect(mine.row('cache:mine')).toBeVisible();
  await expect(theirs.row('cache:theirs')).toBeVisible();
  expect(await mine.names()).toEqual(['cache:mine']);
  expect(await theirs.names()).toEqual(['cache:theirs']);
});
