import { z } from 'zod';
import { customScriptsSchema } from './strategies/customScripts';
import { BUILT_IN_IDS, STRATEGY_IDS, type StrategyId } from './strategies/registry';

// The ids come from the registry: adding a strategy is its file and its registry line.
export { BUILT_IN_IDS, STRATEGY_IDS, type StrategyId };

export const MAX_CLIENTS = 10_000;
const MAX_KEYS = 1_000;

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `"${name}" must be a number between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}.` })
    .int({ error: `"${name}" must be a whole number.` })
    .min(min, { error: `"${name}" must be at least ${min.toLocaleString('en')}.` })
    .max(max, { error: `"${name}" must be at most ${max.toLocaleString('en')}.` });

const num = (name: string, min: number, max: number) =>
  z
    .number({ error: `"${name}" must be a number between ${min} and ${max}.` })
    .min(min, { error: `"${name}" must be at least ${min}.` })
    .max(max, { error: `"${name}" must be at most ${max}.` });

/**
 * Every knob of a race. One schema serves the API (422 with the first issue) and the share link
 * (a URL the browser parses back into settings), so both accept exactly the same runs.
 */
export const settingsSchema = z
  .object({
    clients: int('clients', 1, MAX_CLIENTS).default(100),
    strategy: z.enum(STRATEGY_IDS, { error: `"strategy" must be one of ${STRATEGY_IDS.join(', ')}.` }).default('lock-poll'),
    arrival: z.enum(['burst', 'window', 'poisson'], { error: '"arrival" must be burst, window or poisson.' }).default('burst'),
    /** Spread of arrivals for "window"; for "poisson" the mean rate is clients / windowMs. */
    windowMs: int('windowMs', 0, 30_000).default(1_000),
    backendLatencyMs: int('backendLatencyMs', 0, 10_000).default(300),
    latencyDistribution: z.enum(['fixed', 'normal', 'exponential'], { error: '"latencyDistribution" must be fixed, normal or exponential.' }).default('fixed'),
    jitterMs: int('jitterMs', 0, 5_000).default(0),
    failureRate: num('failureRate', 0, 1).default(0),
    /** Queries the backend works on at once (its connections); more wait their turn. */
    backendCapacity: int('backendCapacity', 1, 10_000).default(20),
    /** A backend call that has not answered by then fails, as a database client's timeout does. */
    backendTimeoutMs: int('backendTimeoutMs', 100, 60_000).default(5_000),
    cacheTtlMs: int('cacheTtlMs', 100, 600_000).default(5_000),
    /** Cache keys the race spreads its clients over (client n reads key n mod keys), all written at once at the start. */
    keys: int('keys', 1, MAX_KEYS).default(1),
    /** Each write of a cache key adds a random 0 to this many ms to the cache TTL, so keys written together expire apart. */
    ttlJitterMs: int('ttlJitterMs', 0, 600_000).default(0),
    lockTtlMs: int('lockTtlMs', 10, 60_000).default(1_000),
    pollIntervalMs: int('pollIntervalMs', 5, 5_000).default(50),
    pollBackoff: num('pollBackoff', 1, 4).default(1.5),
    maxPollIntervalMs: int('maxPollIntervalMs', 5, 10_000).default(400),
    beta: num('beta', 0, 10).default(1),
    /** lock-safe only: while it works, the holder extends its lock by compare-and-extend every third of the lock TTL. */
    watchdog: z.boolean({ error: '"watchdog" must be true or false.' }).default(false),
    instances: int('instances', 1, 64).default(4),
    /** What the cache holds when the clients arrive; "auto" lets the strategy pick its textbook case. */
    initialCache: z.enum(['auto', 'missing', 'stale', 'fresh'], { error: '"initialCache" must be auto, missing, stale or fresh.' }).default('auto'),
    /** A client gives up (and counts as a failure) after waiting this long. */
    clientTimeoutMs: int('clientTimeoutMs', 100, 60_000).default(15_000),
    seed: int('seed', 0, 2 ** 32 - 1).default(1),
    /** The learner's two Lua scripts, for the "custom" strategy (strategies/customScripts.ts). */
    custom: customScriptsSchema.optional(),
  })
  .superRefine((s, ctx) => {
    // Lock + notify's waiters share one release channel and one notice board per app process, both for one key.
    if (s.keys > 1 && s.strategy === 'lock-notify') {
      ctx.addIssue({ code: 'custom', path: ['keys'], message: 'Lock + notify races one key; pick another strategy to race many keys, or set "keys" to 1.' });
    }
    if (s.strategy === 'custom' && s.custom === undefined) {
      ctx.addIssue({ code: 'custom', path: ['custom'], message: 'A "custom" race needs its two Lua scripts: "custom": { "read": "…", "write": "…" }.' });
    }
  });

export type SimSettings = z.output<typeof settingsSchema>;
export type SimSettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: SimSettings = settingsSchema.parse({});

/** A 32-bit seed from anything random; only used when a new race is set up, never during one. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}
