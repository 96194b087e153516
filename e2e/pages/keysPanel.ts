import { expect, type Locator, type Page } from '@playwright/test';

/** The live keys panel: one row per key of the session, and the event log under it. */
export class KeysPanel {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly filter: Locator;
  readonly events: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: /^Keys/ });
    this.rows = page.getByTestId('key-row');
    this.filter = page.getByRole('searchbox', { name: 'Filter keys' });
    this.events = page.getByTestId('key-event');
  }

  /**
   * Opens the page without waiting for the editor, for a learner who only watches the keys, and
   * waits until the panel's event stream is live (it shows no status then).
   */
  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
    // A server just started (shutdown.spec.ts) takes a while over its first stream.
    await expect(this.page.getByTestId('keys-status')).toBeHidden({ timeout: 15_000 });
  }

  /**
   * The countdown's first value, read inside the page on the frame the row appears, so a slow test
   * machine cannot make the lock look older than it is. Start it before running the command.
   */
  async firstSecondsLeft(name: string): Promise<number> {
    const handle = await this.page.waitForFunction(
      (key) =>
        [...document.querySelectorAll('[data-testid="key-row"]')].find((row) => row.getAttribute('data-key') === key)?.querySelector('[data-testid="key-ttl"]')
          ?.textContent || null,
      name,
      { polling: 'raf' },
    );
    return parseSeconds(String(await handle.jsonValue()));
  }

  /** Found by the exact name, however odd the name is. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.locator(`xpath=self::*[@data-key=${xpathLiteral(name)}]`) });
  }

  ttl(name: string): Locator {
    return this.row(name).getByTestId('key-ttl');
  }

  /** The countdown in seconds, read as the learner reads it ("2.874 s", "42 s"). */
  async secondsLeft(name: string): Promise<number> {
    return parseSeconds(await this.ttl(name).innerText());
  }

  /** Names of the keys shown, top to bottom. */
  async names(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key') ?? ''));
  }
}

function parseSeconds(text: string): number {
  const match = /^([\d.]+) s$/.exec(text.trim());
  if (!match) throw new Error(`Not a countdown in seconds: ${text}`);
  return Number(match[1]);
}

/** XPath 1.0 has no escapes, so a name with both quote kinds is spelled with concat(). */
function xpathLiteral(text: string): string {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat('${text.split("'").join(`', "'", '`)}')`;
}
