import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** The teacher's side of a workshop: opening a room and its live dashboard. */
export class TeacherDashboard {
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('participant');
  }

  /** `baseURL`: another app server than the suite's own. */
  static async open(browser: Browser, baseURL?: string): Promise<{ dashboard: TeacherDashboard; code: string }> {
    const page = await (await browser.newContext(baseURL ? { baseURL } : {})).newPage();
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Open a workshop' }).click();
    const code = await page.getByTestId('join-code').textContent({ timeout: 15_000 });
    return { dashboard: new TeacherDashboard(page), code: code!.trim() };
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  async push(lessonTitle: string, step: number) {
    await this.page.getByRole('combobox', { name: 'Lesson' }).selectOption({ label: lessonTitle });
    await this.page.getByRole('combobox', { name: 'Step' }).selectOption({ label: `step ${step}` });
    await this.page.getByRole('button', { name: 'Push to everyone' }).click();
  }

  /** Starts a class race from the dashboard; the teacher lands on its page. Answers the race's id. */
  async startClassRace(simulatedClients: number, backendLatencyMs: number): Promise<string> {
    await this.page.getByLabel('Simulated clients').fill(String(simulatedClients));
    await this.page.getByLabel('Backend latency (ms)').fill(String(backendLatencyMs));
    await this.page.getByRole('button', { name: 'Start class race' }).click();
    await expect(this.page).toHaveURL(/\/workshop\/race\//, { timeout: 15_000 });
    return decodeURIComponent(this.page.url().split('/workshop/race/')[1]!);
  }

  /** Locks or unlocks the room with the toggle, and waits for the dashboard to show the new state. */
  async setLocked(locked: boolean) {
    const toggle = this.page.getByTestId('room-lock');
    if ((await toggle.getAttribute('aria-pressed')) !== String(locked)) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', String(locked));
  }

  async remove(name: string) {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.row(name).getByTestId('remove-participant').click();
    await expect(this.row(name)).toHaveCount(0);
  }

  async close() {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.page.getByRole('button', { name: 'Close workshop' }).click();
    await expect(this.page.getByRole('heading', { name: /is closed/ })).toBeVisible();
  }
}

/** A participant in their own browser, joining through the join link. */
export class Participant {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  /** Opens the join link and asks to join; answers the page, wherever that left it. */
  static async tryJoin(browser: Browser, code: string, name: string, baseURL?: string): Promise<Page> {
    const page = await (await browser.newContext(baseURL ? { baseURL } : {})).newPage();
    await page.addInitScript(markRoomFeedLive);
    await page.goto(`/join/${code}`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    return page;
  }

  /** Joins, and waits until the room's live feed has said hello, so no push can come before it. */
  static async join(browser: Browser, code: string, name: string, baseURL?: string): Promise<Participant> {
    const page = await Participant.tryJoin(browser, code, name, baseURL);
    await expect(page).toHaveURL(/\/lessons$/, { timeout: 15_000 });
    await expect(page.getByTestId('room-bar')).toContainText(code);
    await page.waitForFunction(() => (window as { roomFeedLive?: boolean }).roomFeedLive === true);
    return new Participant(page, name);
  }

  /**
   * Holds back every script that carries Monaco (the editor), as a slow connection or a slow laptop
   * would, until `release`; `requested` settles once the page has asked for one.
   */
  async holdEditor(): Promise<{ requested: Promise<void>; release: () => void }> {
    let asked!: () => void;
    let release!: () => void;
    const requested = new Promise<void>((resolve) => (asked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    await this.page.route('**/_next/static/chunks/**/*.js', async (route) => {
      const response = await route.fetch();
      if ((await response.text()).includes(MONACO_MARK)) {
        asked();
        await released;
      }
      await route.fulfill({ response });
    });
    return { requested, release };
  }

  /** Runs commands the way the editor does, through the same API and this browser's cookie. */
  async run(script: string, lesson: string) {
    const response = await this.page.request.post('/api/commands', { data: { script, lesson } });
    expect(response.ok()).toBe(true);
  }
}

/** A string only Monaco's own code holds (its editor widget's class name). */
const MONACO_MARK = 'monaco-editor-background';

/** Runs in the page before its scripts: notes when an event stream receives the room's `hello`. */
function markRoomFeedLive() {
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('hello', () => ((window as { roomFeedLive?: boolean }).roomFeedLive = true));
    }
  };
}
