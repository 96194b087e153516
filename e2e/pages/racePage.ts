import { expect, type Locator, type Page } from '@playwright/test';

/** The race simulator as a teacher sees it: settings, lanes, and the summary. */
export class RacePage {
  readonly settings: Locator;
  readonly clients: Locator;
  readonly strategy: Locator;
  readonly compareWith: Locator;
  readonly seed: Locator;
  readonly runButton: Locator;
  readonly stage: Locator;
  readonly lanes: Locator;
  readonly summary: Locator;
  readonly keys: Locator;
  /** The prediction a race bridged from a lesson asks for, and the outcome beside the result. */
  readonly prediction: Locator;
  readonly predictionOutcome: Locator;
  readonly scrubber: Locator;
  readonly faults: Locator;
  /** What Redis's compiler says of the two scripts of your own strategy. */
  readonly scriptCheck: Locator;

  constructor(readonly page: Page) {
    this.settings = page.getByRole('form', { name: 'Race settings' });
    this.clients = this.settings.getByLabel('Clients', { exact: true });
    this.strategy = this.settings.getByLabel('Strategy', { exact: true });
    this.compareWith = this.settings.getByLabel('Compare with');
    this.seed = this.settings.getByLabel('Seed', { exact: true });
    this.runButton = page.getByRole('button', { name: /^(Run race|Racing…)$/ });
    this.stage = page.getByRole('region', { name: 'Race', exact: true });
    this.lanes = page.getByTestId('race-lanes');
    this.summary = page.getByTestId('race-summary');
    this.keys = page.getByRole('complementary', { name: 'Keys' });
    this.prediction = page.getByTestId('race-prediction');
    this.predictionOutcome = page.getByTestId('race-prediction-outcome');
    this.scrubber = page.getByRole('slider', { name: 'Time in the race' });
    this.faults = page.getByRole('group', { name: 'Faults' });
    this.scriptCheck = page.getByTestId('script-check');
  }

  async open(query = '') {
    await this.page.goto(`/race${query ? `?${query}` : ''}`);
    await expect(this.runButton).toBeEnabled();
  }

  /** A setting of the form found by its label, for those without a field of their own here. */
  setting(label: string): Locator {
    return this.settings.getByLabel(label);
  }

  async configure({ clients, strategy, compareWith }: { clients?: number; strategy?: string; compareWith?: string }) {
    if (clients !== undefined) await this.clients.fill(String(clients));
    if (strategy) await this.strategy.selectOption({ label: strategy });
    if (compareWith) await this.compareWith.selectOption({ label: compareWith });
  }

  /** Starts the race without waiting for it, for a test that acts while it runs. */
  async start() {
    await this.runButton.click();
  }

  /** Waits until the race (and its comparison) has finished; `timeout` for a race made to run long. */
  async finished(timeout = 30_000) {
    await expect(this.stage).toHaveAttribute('aria-busy', 'false', { timeout });
  }

  /** Runs the race (and its comparison) and waits until both have finished. */
  async run() {
    await this.start();
    await expect(this.summary).toBeVisible({ timeout: 20_000 });
    await this.finished();
  }

  /** Crashes the client holding the lock, as soon as the running race has one. */
  async crashLockHolder() {
    const crash = this.faults.getByRole('button', { name: 'Crash the lock holder' });
    await expect(crash).toBeEnabled();
    await crash.click();
  }

  /** The keys of this role the time-travel view shows at the playhead, one per race on screen. */
  keysAtPlayhead(role: 'cache' | 'lock'): Locator {
    return this.page.getByTestId('key-at-playhead').and(this.page.locator(`[data-role="${role}"]`));
  }

  /** The race's key of this role as the time-travel view shows it at the playhead (the first race's, by default). */
  keyAtPlayhead(role: 'cache' | 'lock', race = 0): Locator {
    return this.keysAtPlayhead(role).nth(race);
  }

  /** Moves the replay's playhead to `ms` into the race. */
  async scrubTo(ms: number) {
    await this.scrubber.fill(String(ms));
  }

  /** Moves the playhead to the race's end. */
  async scrubToEnd() {
    await this.scrubTo(Number(await this.scrubber.getAttribute('max')));
  }

  /** One figure of the summary, per race (the second column is the comparison). */
  async figure(key: string): Promise<number[]> {
    const texts = await this.summary.getByTestId(`figure-${key}`).allInnerTexts();
    return texts.map((text) => Number(text.replace(/[^\d.]/g, '')));
  }

  /** The text one of your own strategy's two script editors shows. */
  scriptText(name: 'read' | 'write'): Locator {
    return this.page.getByTestId(`script-${name}`).locator('.view-lines');
  }

  /** The compile errors the script editor marks. */
  scriptErrors(name: 'read' | 'write'): Locator {
    return this.page.getByTestId(`script-${name}`).locator('.squiggly-error');
  }

  /** Replaces what one of the two script editors holds, as a learner pasting a script would. */
  async writeScript(name: 'read' | 'write', script: string) {
    await this.scriptText(name).click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(script);
  }

  /** Fills your own strategy's scripts from a built-in strategy's. */
  async startScriptsFrom(strategy: string) {
    await this.page.getByRole('region', { name: 'Your own strategy' }).getByRole('combobox').selectOption({ label: strategy });
  }
}
