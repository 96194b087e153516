import { expect, type Locator, type Page } from '@playwright/test';

/** The race simulator as a teacher sees it: settings, lanes, and the summary. */
export class RacePage {
  readonly settings: Locator;
  readonly runButton: Locator;
  readonly stage: Locator;
  readonly lanes: Locator;
  readonly summary: Locator;
  readonly keys: Locator;

  constructor(readonly page: Page) {
    this.settings = page.getByRole('form', { name: 'Race settings' });
    this.runButton = page.getByRole('button', { name: /^(Run race|Racing…)$/ });
    this.stage = page.getByRole('region', { name: 'Race', exact: true });
    this.lanes = page.getByTestId('race-lanes');
    this.summary = page.getByTestId('race-summary');
    this.keys = page.getByRole('complementary', { name: 'Keys' });
  }

  async open(query = '') {
    await this.page.goto(`/race${query ? `?${query}` : ''}`);
    await expect(this.runButton).toBeEnabled();
  }

  async configure({ clients, strategy, compareWith }: { clients?: number; strategy?: string; compareWith?: string }) {
    if (clients !== undefined) await this.settings.getByLabel('Clients', { exact: true }).fill(String(clients));
    if (strategy) await this.settings.getByLabel('Strategy', { exact: true }).selectOption({ label: strategy });
    if (compareWith) await this.settings.getByLabel('Compare with').selectOption({ label: compareWith });
  }

  /** Runs the race (and its comparison) and waits until both have finished. */
  async run() {
    await this.runButton.click();
    await expect(this.summary).toBeVisible({ timeout: 20_000 });
    await expect(this.stage).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  }

  /** The race's key of this role as the time-travel view shows it at the playhead (the first race's, by default). */
  keyAtPlayhead(role: 'cache' | 'lock', race = 0): Locator {
    return this.page
      .getByTestId('key-at-playhead')
      .and(this.page.locator(`[data-role="${role}"]`))
      .nth(race);
  }

  /** Moves the replay's playhead to `ms` into the race. */
  async scrubTo(ms: number) {
    await this.page.getByRole('slider', { name: 'Time in the race' }).fill(String(ms));
  }

  /** One figure of the summary, per race (the second column is the comparison). */
  async figure(key: string): Promise<number[]> {
    const texts = await this.summary.getByTestId(`figure-${key}`).allInnerTexts();
    return texts.map((text) => Number(text.replace(/[^\d.]/g, '')));
  }
}
