import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { StepGoal } from './pages/goal';
import { HealthBanner } from './pages/healthBanner';
import { KeysPanel } from './pages/keysPanel';
import { LessonPanel } from './pages/lesson';
import { Playground } from './pages/playground';
import { RacePage } from './pages/racePage';
import { Session } from './pages/session';
import { Classroom, type NewBrowser } from './pages/workshop';

interface Fixtures {
  /** The playground, open at `/` with its editor (Monaco) loaded. */
  playground: Playground;
  /** The playground before its page is opened, for a test that must act first (hold Monaco back, watch requests). */
  unopenedPlayground: Playground;
  lesson: LessonPanel;
  keys: KeysPanel;
  goal: StepGoal;
  race: RacePage;
  /** The banner of an outage, on this page. */
  health: HealthBanner;
  /** This page's session through the API: a change the learner did not type on the page. */
  session: Session;
  /** A page in a browser of its own: another learner, with a session of their own. */
  newBrowser: NewBrowser;
  /** Teachers and participants of workshops, each in a browser of their own. */
  classroom: Classroom;
}

/**
 * Every test runs in its own browser context, so it gets its own session cookie and with it its
 * own Redis namespace: tests never share Redis state. The page objects all look at the test's
 * `page`; only `playground` opens it.
 */
export const test = base.extend<Fixtures>({
  playground: async ({ page }, use) => {
    const playground = new Playground(page);
    await playground.open();
    await use(playground);
  },
  unopenedPlayground: async ({ page }, use) => {
    await use(new Playground(page));
    await stopRouting(page);
  },
  lesson: async ({ page }, use) => use(new LessonPanel(page)),
  keys: async ({ page }, use) => use(new KeysPanel(page)),
  goal: async ({ page }, use) => use(new StepGoal(page)),
  race: async ({ page }, use) => use(new RacePage(page)),
  health: async ({ page }, use) => use(new HealthBanner(page)),
  session: async ({ page }, use) => use(new Session(page.request)),
  // The contexts are closed when the test ends, so a worker's later tests do not share the machine with them.
  newBrowser: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (baseURL) => {
      const context = await browser.newContext(baseURL ? { baseURL } : {});
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.flatMap((context) => context.pages()).map(stopRouting));
    await Promise.all(contexts.map((context) => context.close()));
  },
  classroom: async ({ newBrowser }, use) => use(new Classroom(newBrowser)),
});

/**
 * A page a test held scripts back on (Playground.holdMonaco, Participant.holdEditor) may still be
 * fetching one through the test's handler when the test ends; closing its context under that fetch
 * would fail the test after its last check. Playwright's own answer: unroute, ignoring those errors.
 */
async function stopRouting(page: Page) {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
}

export { expect };
