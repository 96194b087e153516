import { expect, type APIRequestContext } from '@playwright/test';

/**
 * A learner's session seen through the API the editor calls: commands run with the cookie of the
 * browser `request` belongs to (`page.request`), as a change made in another tab would be.
 */
export class Session {
  constructor(
    readonly request: APIRequestContext,
    /** Another app server than the suite's own. */
    readonly baseURL = '',
  ) {}

  /** Runs a script (checked against `lesson`, if given) and answers the redis-cli text of each reply. */
  async run(script: string, lesson?: string): Promise<string[]> {
    const response = await this.request.post(`${this.baseURL}/api/commands`, { data: { script, lesson } });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { results: { text: string }[] }).results.map((result) => result.text);
  }
}
