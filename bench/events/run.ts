import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import Redis from 'ioredis';
import { CHROMIUM } from '../../playwright.config';
import { percentile, startBenchApp } from '../support/app';
import { eventLatencies, expiryLags, frameTimes, manyKeys } from './probes';

/**
 * bench/events: what a learner sees of live keys, measured in real Chromium against the built app.
 * Targets: command → row on screen p99 ≤ 50 ms on loopback; an expired key's row gone ≤ 250 ms after
 * its expiry; 1,000 keys counting down at ≥ 50 fps.
 */
const LATENCY_SAMPLES = 200;
const EXPIRY_SAMPLES = 20;
const FRAME_WINDOW_MS = 4_000;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function summary(values: number[]) {
  const s = sorted(values);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
}

/** Main-thread seconds Chromium spent on script, style and layout so far (CDP Performance metrics). */
async function mainThreadWork(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return value('ScriptDuration') + value('RecalcStyleDuration') + value('LayoutDuration');
}

/**
 * Each scenario runs in a fresh context, so in its own session with only its own 1,000 keys. Beside
 * the frame rate it prints the page's own work per frame: on a shared, busy machine a long frame can
 * be the renderer waiting for a core, and this tells the two apart.
 */
async function frames(browser: Browser, url: string, label: string, ttlMs: number) {
  const page = await openPage(browser, url);
  await page.evaluate(manyKeys, { count: 1_000, ttlMs, prefix: 'k' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const workBefore = await mainThreadWork(cdp);
  const times = sorted(await page.evaluate(frameTimes, FRAME_WINDOW_MS));
  const workPerFrame = (((await mainThreadWork(cdp)) - workBefore) * 1000) / times.length;
  const fps = (times.length / times.reduce((a, b) => a + b, 0)) * 1000;
  console.log(
    `  1,000 keys, ${label.padEnd(26)} ${fps.toFixed(1)} fps, frame p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}; ` +
      `script+style+layout ${ms(workPerFrame)} per frame`,
  );
  await page.context().close();
  return fps;
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx names functions with an `__name` helper that page.evaluate would carry into the page.
  await context.addInitScript('globalThis.__name = (fn) => fn');
  const page = await context.newPage();
  await page.goto(url);
  await page.getByText('No keys yet').waitFor({ timeout: 60_000 });
  return page;
}

/** Redis's clock minus this machine's, from TIME; the browser runs on this machine, so it shares the clock. */
async function redisClockOffset(url: string): Promise<number> {
  const redis = new Redis(url, { protocol: 2 });
  try {
    const samples: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const before = Date.now();
      const [seconds, micros] = await redis.time();
      samples.push(Number(seconds) * 1000 + Number(micros) / 1000 - (before + Date.now()) / 2);
    }
    return percentile(sorted(samples), 50);
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const app = await startBenchApp();
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await openPage(browser, app.url);

    await page.evaluate(eventLatencies, 20); // warm-up: JIT, connections, first renders
    const latencies = await page.evaluate(eventLatencies, LATENCY_SAMPLES);
    const latency = summary(latencies.inPage);
    const painted = summary(latencies.onScreen);
    const { hidden, removed } = await page.evaluate(expiryLags, { count: EXPIRY_SAMPLES, offset: await redisClockOffset(app.redis.url) });
    const hide = summary(hidden);
    const gone = summary(removed);

    const [load] = loadavg();
    console.log(`bench/events — live keys in Chromium against the built app (loopback; load average ${load!.toFixed(1)} on ${cpus().length} cores)`);
    console.log(`  command → row in the page (${LATENCY_SAMPLES} SETs): p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`);
    console.log(`  command → first frame showing it:      p50 ${ms(painted.p50)}, p99 ${ms(painted.p99)}, max ${ms(painted.max)}`);
    console.log(`  expiry → row hidden (${EXPIRY_SAMPLES} keys):       p50 ${ms(hide.p50)}, p99 ${ms(hide.p99)}, max ${ms(hide.max)}`);
    console.log(`  expiry → row removed by the expired event: p50 ${ms(gone.p50)}, p99 ${ms(gone.p99)}, max ${ms(gone.max)}`);
    await page.context().close();
    const slow = await frames(browser, app.url, 'TTL 43–47 s (seconds)', 45_000);
    const fast = await frames(browser, app.url, 'TTL 9–10 s (milliseconds)', 9_800);
    console.log(
      `  targets: event p99 ≤ 50 ms → ${verdict(latency.p99 <= 50)}; row gone ≤ 250 ms after expiry → ${verdict(hide.max <= 250)}; ` +
        `1,000 countdowns ≥ 50 fps → ${verdict(Math.min(slow, fast) >= 50)}`,
    );
  } finally {
    await browser.close();
    await app.stop();
  }
}

void main();
