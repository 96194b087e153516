import type { Locator, Page } from '@playwright/test';

/** The state the step on screen waits for, drawn beside the live keys panel. */
export class StepGoal {
  readonly root: Locator;
  readonly parts: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Keys' }).getByTestId('goal-state');
    this.parts = this.root.getByTestId('goal-part');
  }

  /** The part about one key, found by its name. */
  part(key: string): Locator {
    return this.parts.and(this.page.locator(`[data-key="${key}"]`));
  }
}
