import { expect, test } from './fixtures';

test('Ctrl/Cmd+Enter runs the whole script, and a refused command is shown as an error', async ({ playground }) => {
  await playground.type('SET visits 1\nFLUSHALL\nINCR visits');
  await playground.runAllByKeyboard();
  await expect(playground.results).toHaveCount(3);
  expect(await playground.texts()).toEqual(['OK', expect.stringMatching(/^\(error\) ERR 'flushall' is not available in the playground: /), '(integer) 2']);
  await expect(playground.results.nth(1)).toHaveAttribute('data-status', 'error');
  await expect(playground.results.nth(0)).toHaveAttribute('data-status', 'ok');
});

test('Shift+Enter runs only the line the cursor is on', async ({ playground, page }) => {
  await playground.type('SET only:first 1\nSET never:run 2');
  await page.keyboard.press('ControlOrMeta+Home');
  await playground.runLineByKeyboard();
  await expect(playground.results).toHaveCount(1);
  await expect(playground.results.first()).toContainText('SET only:first 1');
  expect(await playground.texts()).toEqual(['OK']);
});

test('earlier scripts can be recalled after a reload', async ({ playground }) => {
  await playground.type('ECHO "remember me"');
  await playground.run();
  await expect(playground.results).toHaveCount(1);
  await playground.type('PING');
  await playground.reload();
  const history = await playground.openHistory();
  await history.getByRole('button', { name: /ECHO "remember me"/ }).click();
  await expect.poll(() => playground.editorLines()).toContain('ECHO "remember me"');
});

test('completion offers command names from the live server', async ({ playground, page }) => {
  await playground.type('HGETA');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toContainText('HGETALL');
});

test('nothing is fetched from outside the app', async ({ unopenedPlayground: playground, page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  await playground.open();
  await playground.type('PING');
  await playground.run();
  await expect(playground.results.first()).toBeVisible();
  expect(outside).toEqual([]);
});

test('a learner types and runs before Monaco has loaded, and Monaco takes over without losing a keystroke', async ({
  unopenedPlayground: playground,
  page,
}) => {
  const monaco = await playground.holdMonaco();
  await playground.openBeforeMonaco();
  await expect(playground.monaco).toHaveCount(0);

  await playground.typeBeforeMonaco('SET early 1\nINCR early');
  await playground.runAllByKeyboard();
  await expect(playground.results).toHaveCount(2);
  expect(await playground.texts()).toEqual(['OK', '(integer) 2']);

  // Keep typing while Monaco arrives and takes over: every key must land, in order, where the caret was.
  await page.keyboard.press('Enter');
  await page.keyboard.type('ECHO abc');
  // Monaco is asked for once the learner pauses; typing resumes while it arrives.
  await monaco.requested;
  monaco.release();
  let typed = 'abc';
  while ((await playground.monaco.count()) === 0) {
    await page.keyboard.press('x');
    typed += 'x';
  }
  await page.keyboard.type('yyy');
  typed += 'yyy';
  await expect(playground.lightEditor).toHaveCount(0);
  await expect.poll(() => playground.editorLines()).toEqual(['SET early 1', 'INCR early', `ECHO ${typed}`]);

  // The run works from Monaco, on the whole script typed across both editors.
  await page.keyboard.press('Escape');
  await playground.runAllByKeyboard();
  await expect(playground.results).toHaveCount(5);
  expect((await playground.texts()).slice(2)).toEqual(['OK', '(integer) 2', `"${typed}"`]);
});

test('Shift+Enter in the light editor runs the caret line and steps to the next command', async ({ unopenedPlayground: playground, page }) => {
  await playground.holdMonaco();
  await playground.openBeforeMonaco();
  await playground.lightEditor.fill('SET light:first 1\n# a comment\nSET light:second 2');
  await playground.lightEditor.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await playground.runLineByKeyboard();
  await expect(playground.results).toHaveCount(1);
  await expect(playground.results.first()).toContainText('SET light:first 1');
  await playground.runLineByKeyboard();
  await expect(playground.results).toHaveCount(2);
  await expect(playground.results.nth(1)).toContainText('SET light:second 2');
  expect(await playground.texts()).toEqual(['OK', 'OK']);
});
