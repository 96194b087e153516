import { expect, test } from './fixtures';
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

test('a learner writes a read/write pair, sees a syntax error on its line, races it against a built-in with 1,000 clients and shares it', async ({
  race,
  page,
  context,
}) => {
  await race.open();
  await race.configure({ clients: 1_000, strategy: 'Your own (Lua)', compareWith: 'Lock + token' });
  const check = race.scriptCheck;
  await expect(check).toHaveText('Both scripts compile.', { timeout: 30_000 });

  // A missing `end` on line 3: Redis's compiler names the line, and the editor marks it before any race.
  await race.writeScript('read', READ.replace("then return {'hit', value} end", "then return {'hit', value}"));
  await expect(check).toHaveText(/^Your read script does not compile on line \d+: /);
  await expect(race.scriptErrors('read')).toHaveCount(1);

  await race.writeScript('read', READ);
  await race.writeScript('write', WRITE);
  await expect(check).toHaveText('Both scripts compile.');
  await expect(race.scriptErrors('read')).toHaveCount(0);

  await race.run();
  expect(await race.figure('regenerations')).toEqual([1, 1]);
  expect(await race.figure('served')).toEqual([1_000, 1_000]);

  await page.getByRole('button', { name: 'Copy share link' }).click();
  const shared = page.url();
  expect(new URL(shared).searchParams.get('read')).toContain('myLockRead');

  const other = await context.newPage();
  const reopened = new RacePage(other);
  await reopened.open(new URL(shared).search.slice(1));
  await expect(reopened.strategy).toHaveValue('custom');
  await expect(reopened.scriptText('read')).toContainText('myLockRead');
  await expect(reopened.scriptText('write')).toContainText('myLockWrite');
});

test('a naive read path stampedes, and a script that returns a wrong shape ends its race with a sentence', async ({ race }) => {
  await race.open();
  await race.configure({ clients: 100, strategy: 'Your own (Lua)' });
  await race.startScriptsFrom('No protection');
  await race.run();
  expect(await race.figure('regenerations')).toEqual([100]);

  await race.writeScript('read', "return {'hit'}");
  await expect(race.scriptCheck).toHaveText('Both scripts compile.');
  await race.start();
  await expect(race.stage.getByRole('alert')).toHaveText(
    /The race stopped: client #\d+: The read script returned \{'hit'\}: a 'hit' needs the value it serves/,
    { timeout: 20_000 },
  );
});
