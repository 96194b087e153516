import { expect, test } from './fixtures';

test('markup in a key name or a value is shown as text and never runs', async ({ playground, keys, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const name = '<img src=x onerror="window.__xss=1">';
  const value = '<script>window.__xss=2</script>';
  await playground.paste(`SET '${name}' '${value}'\nGET '${name}'\nKEYS *`);
  await playground.run();

  await expect(playground.results).toHaveCount(3);
  expect(await playground.texts()).toEqual(['OK', `"${value}"`, '1) "<img src=x onerror=\\"window.__xss=1\\">"']);
  const row = keys.row(name);
  await expect(row).toContainText(name);
  await expect(row).toContainText(`"${value}"`);
  await expect(keys.events.filter({ hasText: name })).toHaveCount(1);

  await expect(page.locator('[data-testid="result"] :is(img, script), [data-testid="key-row"] :is(img, script)')).toHaveCount(0);
  expect(await page.evaluate(() => (window as Window & { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
