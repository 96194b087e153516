import { test as base, expect } from '@playwright/test';
import { Playground } from './pages/playground';

/**
 * Every test runs in its own browser context, so it gets its own session cookie and with it its
 * own Redis namespace: tests never share Redis state.
 */
export const test = base.extend<{ playground: Playground }>({
  playground: async ({ page }, use) => {
    const playground = new Playground(page);
    await playground.open();
    await use(playground);
  },
});

export { expect };
