import { expect, type Locator, type Page } from '@playwright/test';
import { holdMonaco } from '../support/holdMonaco';

/** The playground as a learner sees it: an editor, a Run button, and results. */
export class Playground {
  readonly editor: Locator;
  /** Monaco inside the editor, once it has loaded. */
  readonly monaco: Locator;
  /** The plain text area the learner types into while Monaco loads. */
  readonly lightEditor: Locator;
  readonly runButton: Locator;
  readonly results: Locator;
  /** The redis-cli text of the newest result. */
  readonly lastText: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('editor');
    this.monaco = this.editor.locator('.monaco-editor');
    this.lightEditor = page.getByTestId('editor-light');
    this.runButton = page.getByRole('button', { name: 'Run', exact: true });
    this.results = page.getByTestId('result');
    this.lastText = this.results.last().locator('pre');
  }

  async open(path = '/') {
    await this.page.goto(path);
    await this.waitForMonaco();
  }

  /** Reloads the page, as a learner pressing F5, and waits for the editor again. */
  async reload() {
    await this.page.reload();
    await this.waitForMonaco();
  }

  async waitForMonaco() {
    // Each new context downloads and parses Monaco (about 3.6 MB): seconds in headless Chromium, and
    // 20-50 s when two workers' browsers and the app share this machine's 2 cores.
    await expect(this.monaco).toBeVisible({ timeout: 45_000 });
  }

  /** Holds back Monaco's chunk until `release`, so a test can type into the light editor for as long as it needs to. */
  holdMonaco() {
    return holdMonaco(this.page);
  }

  /** Opens a page and waits only for something to type into: the light editor, before Monaco. */
  async openBeforeMonaco(path = '/') {
    await this.page.goto(path);
    await expect(this.lightEditor).toBeVisible();
  }

  /** Replaces the light editor's text by typing it, line by line, before Monaco has loaded. */
  async typeBeforeMonaco(script: string) {
    await this.lightEditor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    const lines = script.split('\n');
    for (const [i, line] of lines.entries()) {
      await this.page.keyboard.type(line);
      if (i < lines.length - 1) await this.page.keyboard.press('Enter');
    }
  }

  /** Replaces the editor's text by typing it, line by line, as a learner would. */
  async type(script: string) {
    await this.monaco.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    const lines = script.split('\n');
    for (const [i, line] of lines.entries()) {
      await this.page.keyboard.type(line);
      // Close any completion list so Enter starts a new line instead of accepting a suggestion.
      await this.page.keyboard.press('Escape');
      if (i < lines.length - 1) await this.page.keyboard.press('Enter');
    }
  }

  /** Replaces the editor's text in one go, as a learner pasting a script would. */
  async paste(script: string) {
    await this.monaco.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(script);
  }

  async run() {
    await this.runButton.click();
  }

  /** Ctrl/Cmd+Enter: run the whole script. */
  async runAllByKeyboard() {
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }

  /** Shift+Enter: run the line the cursor is on (or the selection). */
  async runLineByKeyboard() {
    await this.page.keyboard.press('Shift+Enter');
  }

  /** The editor's visible text, line by line. */
  async editorLines(): Promise<string[]> {
    const text = await this.editor.locator('.view-lines').innerText();
    return text.split('\n').map((line) => line.replace(/\u00a0/g, ' '));
  }

  async openHistory() {
    await this.page.getByRole('button', { name: 'History' }).click();
    return this.page.getByRole('list', { name: 'Earlier scripts' });
  }

  /** The redis-cli text of every result, oldest first. */
  async texts(): Promise<string[]> {
    return this.results.locator('pre').allInnerTexts();
  }
}
