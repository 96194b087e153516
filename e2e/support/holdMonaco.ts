import type { Page } from '@playwright/test';

/** A string only Monaco's own chunk holds (its editor widget's class name). */
const MONACO_MARK = 'monaco-editor-background';

/**
 * Holds back the script chunk that carries Monaco until `release` is called, as a slow connection
 * or a slow laptop would, so a test can act while the page has only its light editor; `requested`
 * settles once the page has asked for that chunk.
 */
export async function holdMonaco(page: Page): Promise<{ requested: Promise<void>; release: () => void }> {
  let asked!: () => void;
  let release!: () => void;
  let isReleased = false;
  const requested = new Promise<void>((resolve) => (asked = resolve));
  const released = new Promise<void>((resolve) => (release = () => ((isReleased = true), resolve())));
  await page.route('**/_next/static/chunks/**/*.js', async (route) => {
    // Once let in, scripts load as they would without the test: nothing to fetch here when the test ends.
    if (isReleased) return route.fallback();
    const response = await route.fetch();
    if ((await response.text()).includes(MONACO_MARK)) {
      asked();
      await released;
    }
    await route.fulfill({ response });
  });
  return { requested, release };
}
