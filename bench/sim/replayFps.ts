import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../playwright.config';

/**
 * Frames per second while the race page replays a finished 10,000-client race: counts the frames
 * the canvas actually drew (its data-playhead changes once per draw), not the frames offered.
 */
export async function measureReplayFps(url: string, query: string, seconds = 3): Promise<{ fps: number; browserFps: number }> {
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${url}/race?${query}`);
    await page.getByRole('button', { name: 'Run race' }).click();
    await page.getByTestId('race-summary').waitFor({ timeout: 60_000 });
    await page.locator('section[aria-label="Race"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('0.1');
    await page.getByRole('slider', { name: 'Time in the race' }).fill('0');
    await page.getByRole('button', { name: 'Play' }).click();
    // A string, not a function: tsx would wrap a function in helpers the page does not have.
    return (await page.evaluate(`(async () => {
      const canvas = document.querySelector('[data-testid="race-lanes"]');
      let draws = 0;
      let frames = 0;
      const observer = new MutationObserver(() => { draws += 1; });
      observer.observe(canvas, { attributes: true, attributeFilter: ['data-playhead'] });
      const started = performance.now();
      await new Promise((resolve) => {
        const tick = () => {
          frames += 1;
          if (performance.now() - started < ${seconds * 1000}) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      observer.disconnect();
      const elapsed = (performance.now() - started) / 1000;
      return { fps: draws / elapsed, browserFps: frames / elapsed };
    })()`)) as { fps: number; browserFps: number };
  } finally {
    await browser.close();
  }
}
