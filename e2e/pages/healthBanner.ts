import { expect, type Locator, type Page } from '@playwright/test';

/** A page notices an outage on its next health poll or stream error, a few seconds at most. */
const NOTICED_MS = 15_000;

/** The banner every page shows while Redis or the app server cannot be reached. */
export class HealthBanner {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('health-banner');
  }

  async expectRedisDown(): Promise<void> {
    await expect(this.root).toContainText(/Redis is not reachable/, { timeout: NOTICED_MS });
  }

  async expectServerGone(): Promise<void> {
    await expect(this.root).toContainText('The Stampede Lab server is not answering', { timeout: NOTICED_MS });
  }

  /** Gone by itself once the page sees the server well again. */
  async expectCleared(): Promise<void> {
    await expect(this.root).toBeHidden({ timeout: NOTICED_MS });
  }
}
