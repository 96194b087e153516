import { expect, test, type Page } from '@playwright/test';
import { RacePage } from './pages/racePage';

/** A lock written by hand, as a learner would: GET, else SET NX PX with a token, else wait and read again. */
const READ = `-- myLockRead
local value = redis.call('GET', KEYS[1])
if value then return {'hit', value} end
local token = ARGV[1] .. ':' .. ARGV[4]
if redis.call('SET', KEYS[2], token, 'NX', 'PX', ARGV[2]) then return {'compute', token} end
return {'wait', 40}`;

const WRITE = `-- myLockWrite
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`;

/** Replaces what one of the two script editors holds, typing it as the learner would paste it. */
async function write(page: Page, name: 'read' | 'write', script: string) {
  await page.getByTestId(`script-${name}`).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(script);
}

test('a learner writes a read/write pair, sees a syntax error on its line, races it against a built-in with 1,000 clients and shares it', async ({
  page,
  context,
}) => {
  const race = new RacePage(page);
  await race.open();
  await race.configure({ clients: 1_000, strategy: 'Your own (Lua)', compareWith: 'Lock + token' });
  const check = page.getByTestId('script-check');
  await expect(check).toHaveText('Both scripts compile.', { timeout: 30_000 });

  // A missing `end` on line 3: Redis's compiler names the line, and the editor marks it before any race.
  await write(page, 'read', READ.replace("then return {'hit', value} end", "then return {'hit', value}"));
  await expect(check).toHaveText(/^Your read script does not compile on line \d+: /);
  await expect(page.getByTestId('script-read').locator('.squiggly-error')).toHaveCount(1);

  await write(page, 'read', READ);
  await write(page, 'write', WRITE);
  await expect(check).toHaveText('Both scripts compile.');
  await expect(page.getByTestId('script-read').locator('.squiggly-error')).toHaveCount(0);

  await race.run();
  expect(await race.figure('regenerations')).toEqual([1, 1]);
  expect(await race.figure('served')).toEqual([1_000, 1_000]);

  await page.getByRole('button', { name: 'Copy share link' }).click();
  const shared = page.url();
  expect(new URL(shared).searchParams.get('read')).toContain('myLockRead');

  const other = await context.newPage();
  const reopened = new RacePage(other);
  await reopened.open(new URL(shared).search.slice(1));
  await expect(reopened.settings.getByLabel('Strategy', { exact: true })).toHaveValue('custom');
  await expect(other.getByTestId('script-read').locator('.view-lines')).toContainText('myLockRead');
  await expect(other.getByTestId('script-write').locator('.view-lines')).toContainText('myLockWrite');
});

test('a naive read path stampedes, and a script that returns a wrong shape ends its race with a sentence', async ({ page }) => {
  const race = new RacePage(page);
  await race.open();
  await race.configure({ clients: 100, strategy: 'Your own (Lua)' });
  await page.getByRole('region', { name: 'Your own strategy' }).getByRole('combobox').selectOption({ label: 'No protection' });
  await race.run();
  expect(await race.figure('regenerations')).toEqual([100]);

  await write(page, 'read', "return {'hit'}");
  await expect(page.getByTestId('script-check')).toHaveText('Both scripts compile.');
  await race.runButton.click();
  await expect(race.stage.getByRole('alert')).toHaveText(
    /The race stopped: client #\d+: The read script returned \{'hit'\}: a 'hit' needs the value it serves/,
    { timeout: 20_000 },
  );
});
