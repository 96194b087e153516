import { expect, test } from './fixtures';

test.describe('the race simulator', () => {
  test('100 clients on an expired key: no lock regenerates over and over, a lock regenerates once', async ({ race }) => {
    await race.open();
    await race.configure({ clients: 100, strategy: 'No protection', compareWith: 'Lock + polling' });
    await race.run();

    await expect(race.summary).toBeVisible();
    const [unprotected, locked] = await race.figure('regenerations');
    expect(unprotected).toBeGreaterThanOrEqual(75);
    expect(locked).toBe(1);
    expect(await race.figure('served')).toEqual([100, 100]);

    await expect(race.lanes).toHaveCount(2);
    for (const lanes of await race.lanes.all()) await expect(lanes).toHaveAttribute('data-lanes', '100');
    await expect(race.keys).toBeVisible();
  });

  test('a shared link opens the same race, and replay can be stepped and scrubbed', async ({ race, page }) => {
    await race.open('clients=40&strategy=lock-safe&seed=1234&backendLatencyMs=120');
    await expect(race.clients).toHaveValue('40');
    await expect(race.strategy).toHaveValue('lock-safe');
    await expect(race.seed).toHaveValue('1234');
    await race.run();
    expect(await race.figure('regenerations')).toEqual([1]);

    await race.scrubTo(0);
    await page.getByRole('button', { name: 'Step' }).click();
    expect(Number(await race.lanes.getAttribute('data-playhead'))).toBeGreaterThanOrEqual(0);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  });

  test('10,000 clients show as a density view with a sample of lanes', async ({ race, page }) => {
    await race.open('clients=10000&strategy=lock-notify&lockTtlMs=5000&seed=5');
    await race.run();
    expect(await race.figure('regenerations')).toEqual([1]);
    await expect(race.lanes).toHaveAttribute('data-clients', '10000');
    await expect(race.lanes).toHaveAttribute('data-lanes', '80');
    await page.screenshot({ path: 'test-results/race-page.png', fullPage: true });
  });

  test('a teacher crashes the lock holder mid-race: the lock expires and another client regenerates', async ({ race }) => {
    // An 8 s regeneration leaves ample time to crash the holder mid-race, even on a busy machine;
    // the waiters then sit out the 9 s lock and a second regeneration, so they may wait 40 s.
    await race.open('clients=50&strategy=lock-safe&backendLatencyMs=8000&backendTimeoutMs=20000&lockTtlMs=9000&clientTimeoutMs=40000&seed=3');
    await race.start();
    await race.crashLockHolder();
    await expect(race.faults.getByRole('status')).toContainText('never released');
    await race.finished(40_000);
    expect(await race.figure('failures')).toEqual([1]);
    expect(await race.figure('regenerations')).toEqual([2]);
  });

  test('time travel: scrubbing a finished race shows the lock held, its TTL counting down, then free', async ({ race, page }) => {
    // A 600 ms regeneration under a 2 s lock: held from its SET until the holder releases it.
    await race.open('clients=40&strategy=lock-safe&backendLatencyMs=600&lockTtlMs=2000&seed=11');
    await race.run();
    const lock = race.keyAtPlayhead('lock');
    await expect(lock).toHaveAttribute('data-key', /^race:[\w-]+:lock$/);
    // When the lock was taken, as the API's key events say (the race's set-up takes longer on a busy machine).
    const raceId = (await lock.getAttribute('data-key'))!.split(':')[1];
    const { keyEvents } = (await (await page.request.get(`/api/sim/${raceId}`)).json()) as { keyEvents: { t: number; role: string; op: string }[] };
    const taken = Math.ceil(keyEvents.find((e) => e.role === 'lock' && e.op === 'set')!.t);

    await race.scrubTo(taken + 100);
    await expect(lock).toHaveAttribute('data-state', 'held');
    const early = Number(await lock.getAttribute('data-ttl-ms'));
    expect(early).toBeGreaterThan(1_000);
    expect(early).toBeLessThanOrEqual(2_000);

    await race.scrubTo(taken + 300);
    await expect(lock).toHaveAttribute('data-state', 'held');
    const later = Number(await lock.getAttribute('data-ttl-ms'));
    expect(Math.abs(early - 200 - later)).toBeLessThanOrEqual(1);

    // At the end the holder has released it; the cache holds the value with its TTL.
    await race.scrubToEnd();
    await expect(lock).toHaveAttribute('data-state', 'free');
    await expect(lock).not.toHaveAttribute('data-ttl-ms');
    await expect(race.keyAtPlayhead('cache')).toHaveAttribute('data-state', 'present');
    await expect(race.keyAtPlayhead('cache')).toHaveAttribute('data-ttl-ms', /^\d+$/);
  });

  test("a race leaves the learner's own cache:data and cache:lock as they were", async ({ race, session }) => {
    await race.open('clients=50&strategy=lock-poll&backendLatencyMs=50&seed=2');
    await session.run('SET cache:data "initial value"\nSET cache:lock "locked" NX PX 600000');
    await race.run();
    expect(await race.figure('served')).toEqual([50]);
    const [data, lockValue, ttl] = await session.run('GET cache:data\nGET cache:lock\nPTTL cache:lock');
    expect([data, lockValue]).toEqual(['"initial value"', '"locked"']);
    expect(Number(ttl!.replace(/\D/g, ''))).toBeGreaterThan(500_000);
  });

  test("a lesson's race bridge opens its race and asks for a prediction, shown beside the result", async ({ race }) => {
    await race.open('from=safe-release');
    const prediction = race.prediction;
    await expect(prediction).toHaveAttribute('data-state', 'asking');
    await expect(race.strategy).toHaveValue('lock-safe');
    await expect(race.compareWith).toHaveValue('lock-poll');
    await prediction.getByLabel(/^Regenerations/).fill('1');
    await prediction.getByLabel(/^Slowest/).fill('700');
    await race.run();
    await expect(prediction).toHaveAttribute('data-state', 'answered');
    await expect(prediction.getByLabel(/^Regenerations/)).toBeDisabled();
    const [regenerations] = await race.figure('regenerations');
    const row = race.predictionOutcome.getByRole('row', { name: /^Regenerations/ });
    await expect(row.getByRole('cell')).toHaveText(['1', regenerations!.toLocaleString('en')]);
  });

  test('Run race works from a bridge without a prediction, and says none was made', async ({ race }) => {
    await race.open('from=waiting-well');
    await expect(race.prediction).toBeVisible();
    await race.run();
    expect(await race.figure('regenerations')).toEqual([1, 1]);
    await expect(race.prediction).toContainText('You ran it without a prediction.');
  });

  test('a slow race can be watched live: the keys panel shows the race’s lock counting down while the lanes fill in', async ({ race, page }) => {
    await race.open();
    await page.getByRole('button', { name: /^Slow race, to watch live/ }).click();
    await race.start();
    const lock = race.keys.locator('[data-testid="key-row"][data-kind="lock"][data-key^="race:"]');
    await expect(lock).toBeVisible({ timeout: 10_000 });
    await expect(lock).toHaveAttribute('data-expires-at', /^\d+$/);
    await expect(race.stage).toHaveAttribute('aria-busy', 'true');
    await expect(race.keyAtPlayhead('lock')).toHaveAttribute('data-state', 'held');
  });

  test('at 1440 px a 10,000-client comparison keeps its summary table and its bar chart apart, inside the race area', async ({ race, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await race.open('clients=10000&strategy=lock-notify&compare=lock-poll&lockTtlMs=5000&seed=8');
    await race.run();
    const table = (await race.summary.getByRole('table').boundingBox())!;
    const chart = (await race.summary.getByRole('figure').boundingBox())!;
    // Side by side or one above the other, but never on top of each other.
    expect(table.x + table.width <= chart.x || table.y + table.height <= chart.y).toBe(true);
    const stage = (await race.stage.boundingBox())!;
    for (const box of [table, chart, (await race.lanes.first().boundingBox())!]) expect(box.x + box.width).toBeLessThanOrEqual(stage.x + stage.width);
  });

  test('at 1440 px a stampede’s burst of writes is one line of the key log, which scrolls inside the keys column', async ({ race, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // No protection: every one of 300 clients writes the race's cache key.
    await race.open('clients=300&strategy=none&backendLatencyMs=50&backendCapacity=300&seed=4');
    await race.run();
    const burst = race.keys.getByTestId('key-event').filter({ hasText: /^race:[\w-]+:cache set\+expire/ });
    await expect(burst).toHaveCount(1);
    expect(Number(await burst.getAttribute('data-count'))).toBeGreaterThan(1);
    await expect(burst).toContainText(/×\d+/);
    // The keys column is the window's height, whatever the log holds; the log scrolls within it.
    const column = (await race.keys.boundingBox())!;
    expect(column.y + column.height).toBeLessThanOrEqual(900);
    const log = (await race.keys.getByTestId('key-log').boundingBox())!;
    expect(log.y + log.height).toBeLessThanOrEqual(column.y + column.height);
  });

  test('the many-keys bridge races keys written together, with TTL jitter against the same race without', async ({ race }) => {
    await race.open('from=many-keys');
    await expect(race.setting('Cache keys')).toHaveValue('200');
    await expect(race.compareWith).toHaveValue('no-jitter');
    await race.run();
    await expect(race.summary.getByRole('columnheader')).toHaveText(['Figure', /200 keys, TTL jitter 0–3,000 ms$/, /200 keys, no TTL jitter$/]);
    // Without jitter the keys expire in one instant and every rebuild asks the backend at once.
    const [jittered, together] = await race.figure('peak');
    expect(jittered!).toBeLessThan(together!);
    await expect(race.lanes.first()).toHaveAttribute('data-clients', '4000');
  });

  test('choosing XFetch proposes a race where it matters, with steady arrivals across the expiry', async ({ race, page }) => {
    await race.open();
    await race.configure({ strategy: 'XFetch (early expiration)' });
    await page.getByRole('button', { name: /^Use a race where XFetch matters/ }).click();
    await expect(race.setting('Arrivals')).toHaveValue('poisson');
    await expect(race.setting('Cache at start')).toHaveValue('fresh');
    await race.run();
    // Readers near the expiry refreshed it early: a regeneration in a race that began with a fresh value.
    const [regenerations] = await race.figure('regenerations');
    expect(regenerations).toBeGreaterThan(0);
    await expect(race.lanes.first()).toHaveAttribute('data-clients', '1000');
  });
});
