import type { Locator, Page } from '@playwright/test';

/** The lesson column as a learner sees it: progress, the step on screen, and its live hint. */
export class LessonPanel {
  readonly root: Locator;
  readonly progress: Locator;
  readonly hint: Locator;
  readonly stepTitle: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Lesson' });
    this.progress = page.getByTestId('lesson-progress');
    this.hint = page.getByTestId('lesson-hint');
    this.stepTitle = this.root.getByRole('heading', { level: 3 });
  }

  async reset() {
    await this.root.getByRole('button', { name: 'Reset lesson' }).click();
    await this.root.getByRole('button', { name: 'Delete and start over' }).click();
  }

  /** The Run button of the step's first code block. */
  async runExample() {
    await this.root.getByRole('button', { name: 'Run this example' }).first().click();
  }
}
