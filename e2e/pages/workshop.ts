import { expect, type Locator, type Page } from '@playwright/test';
import { holdMonaco } from '../support/holdMonaco';
import { HealthBanner } from './healthBanner';
import { LessonPanel } from './lesson';
import { Session } from './session';

/** Opens a page in a browser context of its own (a session of its own), on another app server if `baseURL` is given. */
export type NewBrowser = (baseURL?: string) => Promise<Page>;

/** The people of workshops, each in a browser of their own; the `classroom` fixture closes those browsers after the test. */
export class Classroom {
  constructor(
    private readonly newBrowser: NewBrowser,
    /** Another app server than the suite's own. */
    private readonly baseURL?: string,
  ) {}

  /** The same people, on another app server. */
  on(baseURL: string): Classroom {
    return new Classroom(this.newBrowser, baseURL);
  }

  /** A teacher opens a workshop: answers their dashboard and the room's join code. */
  async openRoom(): Promise<{ dashboard: TeacherDashboard; code: string }> {
    const page = await this.newBrowser(this.baseURL);
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Open a workshop' }).click();
    const code = (await page.getByTestId('join-code').textContent({ timeout: 15_000 }))!.trim();
    return { dashboard: new TeacherDashboard(page, code), code };
  }

  /** Opens the join link and asks to join; answers the page, wherever that left it. */
  async tryJoin(code: string, name: string): Promise<Page> {
    const page = await this.newBrowser(this.baseURL);
    await page.addInitScript(markRoomFeedLive);
    await page.goto(`/join/${code}`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    return page;
  }

  /** Each name joins at once, each in their own browser; answers, in the same order, once every one's room feed is live. */
  async join<Names extends string[]>(code: string, ...names: Names): Promise<{ [I in keyof Names]: Participant }> {
    const joined = Promise.all(names.map(async (name) => Participant.joined(await this.tryJoin(code, name), code, name)));
    return joined as Promise<{ [I in keyof Names]: Participant }>;
  }
}

/** The teacher's side of a workshop: the room's live dashboard. */
export class TeacherDashboard {
  readonly rows: Locator;
  readonly predictionTally: Locator;
  readonly health: HealthBanner;

  constructor(
    readonly page: Page,
    readonly code: string,
  ) {
    this.rows = page.getByTestId('participant');
    this.predictionTally = page.getByTestId('prediction-tally');
    this.health = new HealthBanner(page);
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  /** Where the dashboard says a participant is in their lesson ("2 / 4", "finished"). */
  step(name: string): Locator {
    return this.row(name).getByTestId('participant-step');
  }

  /** One figure of the class race's summary on screen. */
  figure(key: string): Locator {
    return this.page.getByTestId(`figure-${key}`);
  }

  /** Goes back to the room's dashboard, from the class race's page. */
  async backToRoom() {
    await this.page.goto(`/teach/${this.code}`);
  }

  /** Adds a lesson written in Markdown to the room; answers the form, which shows what was wrong with it. */
  async addLesson(markdown: string): Promise<Locator> {
    const form = this.page.getByRole('form', { name: 'Add a lesson to this workshop' });
    await form.getByLabel('Lesson Markdown').fill(markdown);
    await form.getByRole('button', { name: 'Add lesson' }).click();
    return form;
  }

  /** The names the class race gave its lanes, as the API tells them. */
  async raceLabels(raceId: string): Promise<string[]> {
    const race = (await (await this.page.request.get(`/api/sim/${raceId}?events=none`)).json()) as { labels: Record<string, string> };
    return Object.values(race.labels).sort();
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

/** A participant in their own browser, joining through the join link (Classroom.join). */
export class Participant {
  readonly roomBar: Locator;
  readonly lesson: LessonPanel;
  readonly session: Session;
  readonly health: HealthBanner;

  constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    this.roomBar = page.getByTestId('room-bar');
    this.lesson = new LessonPanel(page);
    this.session = new Session(page.request);
    this.health = new HealthBanner(page);
  }

  /** Waits until a join asked for on `page` is through and the room's live feed has said hello, so no push can come before it. */
  static async joined(page: Page, code: string, name: string): Promise<Participant> {
    const participant = new Participant(page, name);
    await expect(page).toHaveURL(/\/lessons$/, { timeout: 15_000 });
    await expect(participant.roomBar).toContainText(code);
    await page.waitForFunction(() => (window as { roomFeedLive?: boolean }).roomFeedLive === true);
    return participant;
  }

  /** Waits until a push from the teacher has brought this participant to a lesson's step. */
  async waitForStep(lesson: string, step: number) {
    await expect(this.page).toHaveURL(new RegExp(`/lessons/${lesson}/${step}$`), { timeout: 15_000 });
  }

  /** Waits until a class race has brought this participant to its page and given them a seat in it. */
  async waitForRace(raceId: string) {
    await expect(this.page).toHaveURL(new RegExp(`/workshop/race/${raceId}$`), { timeout: 15_000 });
    await expect(this.page.getByTestId('race-seat')).toContainText('You are client #');
  }

  /** Holds back Monaco's chunk (the editor) until `release`, as a slow connection or a slow laptop would. */
  holdEditor() {
    return holdMonaco(this.page);
  }

  /** Runs commands the way the editor does, through the same API and this browser's cookie. */
  async run(script: string, lesson: string) {
    await this.session.run(script, lesson);
  }
}

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
