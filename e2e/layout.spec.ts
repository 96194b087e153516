import { expect, test } from './fixtures';
import { KeysPanel } from './pages/keysPanel';
import { Playground } from './pages/playground';
import type { Page } from '@playwright/test';

// Pages with the editor load Monaco afresh in every context; see Playground.open.
test.describe.configure({ timeout: 90_000 });

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

/** Every page but the workshop's own, which need a room: the workbench and the race carry the keys panel. */
const PAGES = ['/', '/lessons/the-miss', '/lessons/fencing-tokens/3', '/race', '/race?from=many-keys', '/lessons', '/workshop'];

/** Enough keys that the keys list scrolls at every size, each with a countdown. */
const MANY_KEYS = Array.from({ length: 12 }, (_, i) => `SET layout:${String(i).padStart(2, '0')} "v" EX ${600 + i}`).join('\n');

/** Waits until the page has drawn what arrives after load: Redis's status in the header, the editor, the keys. */
async function settle(page: Page) {
  await expect(page.locator('header').getByText(/^Redis (\d|connected)/)).toBeVisible({ timeout: 15_000 });
  const playground = new Playground(page);
  if (await playground.editor.count()) await playground.waitForMonaco();
  const keys = new KeysPanel(page);
  if (await keys.heading.count()) await expect(keys.rows.first()).toBeVisible();
}

const overflow = (page: Page) => page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));

/** Wrapped means one of the header's parts starts below where another ends. */
const headerWraps = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelector('header')!.children].map((child) => child.getBoundingClientRect()).filter((box) => box.height > 0);
    return boxes.some((a) => boxes.some((b) => a.top >= b.bottom - 1));
  });

/**
 * The last key's countdown, scrolled into view inside the keys list (and the page, where the page scrolls):
 * whether all of it lies inside the list's visible box, the panel's, and the window.
 */
async function lastCountdownVisible(page: Page) {
  const ttl = new KeysPanel(page).rows.last().getByTestId('key-ttl');
  await ttl.evaluate((node) => node.scrollIntoView({ block: 'nearest' }));
  // The countdown is painted once its row is on screen.
  await expect(ttl).toHaveText(/\d/);
  return ttl.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const list = node.closest('ul')!.getBoundingClientRect();
    const panel = node.closest('section')!.getBoundingClientRect();
    const inside = (outer: DOMRect | { top: number; bottom: number; left: number; right: number }) =>
      box.top >= outer.top - 0.5 && box.bottom <= outer.bottom + 0.5 && box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5;
    return { list: inside(list), panel: inside(panel), window: inside({ top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth }) };
  });
}

/** Checks one page as it stands: no sideways scroll, a one-row header where there is room, the last countdown in view. */
async function checkPage(page: Page, label: string, width: number) {
  await settle(page);
  const { scrollWidth, innerWidth } = await overflow(page);
  expect(scrollWidth, `${label} is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
  if (width >= 1280) expect(await headerWraps(page), `${label}: the header wraps`).toBe(false);
  if (await new KeysPanel(page).heading.count())
    expect(await lastCountdownVisible(page), `${label}: the last countdown`).toEqual({ list: true, panel: true, window: true });
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}×${viewport.height}`;
  test.describe(`at ${size}`, () => {
    test.use({ viewport });

    for (const path of PAGES) {
      test(`${path} fits: no sideways scroll, a header on one row where there is room, the last countdown in view`, async ({ page, session }) => {
        await page.goto('/lessons');
        await session.run(MANY_KEYS);
        await page.goto(path);
        await checkPage(page, path, viewport.width);
      });
    }

    test("a workshop's join page and the teacher's dashboard fit", async ({ page, classroom }) => {
      const { dashboard, code } = await classroom.openRoom();
      await page.goto(`/join/${code}`);
      await checkPage(page, '/join/<code>', viewport.width);
      await dashboard.page.setViewportSize(viewport);
      await expect(dashboard.page).toHaveURL(/\/teach\//);
      await checkPage(dashboard.page, '/teach/<code>', viewport.width);
    });
  });
}
