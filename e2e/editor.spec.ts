import { expect, test } from './fixtures';

test('Ctrl/Cmd+Enter runs the whole script, and a refused command is shown as an error', async ({ playground }) => {
  await playground.type('SET visits 1\nFLUSHALL\nINCR visits');
  await playground.runAllByKeyboard();
  await expect(playground.results).toHaveCount(3);
  expect(await playground.texts()).toEqual([
    'OK',
    expect.stringMatching(/^\(error\) ERR 'flushall' is not available in the playground: /),
    '(integer) 2',
  ]);
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

test('earlier scripts can be recalled after a reload', async ({ playground, page }) => {
  await playground.type('ECHO "remember me"');
  await playground.run();
  await expect(playground.results).toHaveCount(1);
  await playground.type('PING');
  await page.reload();
  await expect(playground.editor.locator('.monaco-editor')).toBeVisible({ timeout: 45_000 });
  const history = await playground.openHistory();
  await history.getByRole('button', { name: /ECHO "remember me"/ }).click();
  await expect.poll(() => playground.editorLines()).toContain('ECHO "remember me"');
});

test('completion offers command names from the live server', async ({ playground, page }) => {
  await playground.editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('HGETA');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toContainText('HGETALL');
});

test('nothing is fetched from outside the app', async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  await page.goto('/');
  await expect(page.getByTestId('editor').locator('.monaco-editor')).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('editor').locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('PING');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('result').first()).toBeVisible();
  expect(outside).toEqual([]);
});
