import { expect, type Locator, type Page } from '@playwright/test';

/** The lesson column as a learner sees it: progress, the step on screen, and its live hint. */
export class LessonPanel {
  readonly root: Locator;
  readonly progress: Locator;
  readonly hint: Locator;
  readonly stepTitle: Locator;
  readonly prediction: Locator;
  readonly predictionOutcome: Locator;
  readonly passed: Locator;
  readonly raceBridge: Locator;
  readonly helpLadder: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Lesson' });
    this.progress = page.getByTestId('lesson-progress');
    this.hint = page.getByTestId('lesson-hint');
    this.stepTitle = this.root.getByRole('heading', { level: 3 });
    this.prediction = page.getByTestId('prediction');
    this.predictionOutcome = page.getByTestId('prediction-outcome');
    this.passed = page.getByTestId('step-passed');
    this.raceBridge = page.getByTestId('race-bridge');
    this.helpLadder = page.getByTestId('help-ladder');
  }

  /** One of the answers the prediction offers. */
  choice(answer: string): Locator {
    return this.prediction.getByRole('radio', { name: answer, exact: true });
  }

  /** Chooses what Redis will answer, and waits until the server has kept it. */
  async predict(answer: string) {
    await this.choice(answer).check();
    await expect(this.prediction.getByTestId('prediction-status')).toHaveText(`Prediction kept: ${answer}. Now run the step and compare.`);
  }

  /** The next rung of the help ladder: hint, then part of the answer, then the solution. */
  async moreHelp() {
    await this.root.getByRole('button', { name: /^Show (a hint|part of the answer|the solution)$/ }).click();
  }

  /** Opens another step of the lesson from its list of steps. */
  async goToStep(step: number) {
    await this.root.getByRole('button', { name: new RegExp(`^Step ${step}:`) }).click();
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
