import { DEFAULT_SETTINGS, type SimSettings, type StrategyId } from './settings';

/**
 * The race each lesson bridges to (`/race?from=<lesson-slug>`): the lesson's strategy compared with
 * the one it improves on, with a client count and timings that make the difference plain. One
 * entry per lesson of lib/lessons/registry.ts; a slug without one (many-keys, until a race over many
 * keys exists) opens the plain stampede.
 */
export interface LessonPreset {
  /** What the learner is asked to watch for, in one sentence. */
  question: string;
  settings: Partial<SimSettings> & { strategy: StrategyId };
  compareWith: StrategyId;
}

/** A lock that lasts shorter than the regeneration: it expires under its holder. */
const SHORT_LOCK = { clients: 200, backendLatencyMs: 600, lockTtlMs: 200, pollIntervalMs: 20, maxPollIntervalMs: 80 } as const;

const STAMPEDE: LessonPreset = {
  question: 'A thousand clients find the key expired at once. How many rebuild it behind a lock, and how long does the slowest one wait?',
  settings: { strategy: 'lock-poll', clients: 1_000 },
  compareWith: 'none',
};

export const LESSON_PRESETS: Readonly<Record<string, LessonPreset>> = {
  'stampede-lock': STAMPEDE,
  'the-miss': {
    question: 'The key has just expired and a thousand clients ask for it. With no protection, how many rebuild it, and how long does the slowest one wait?',
    settings: { strategy: 'none', clients: 1_000 },
    compareWith: 'lock-poll',
  },
  leases: {
    question: 'A miss hands out one token that lets its holder fill the cache; the others wait. How many regenerations, and how long does the slowest client wait?',
    settings: { strategy: 'lock-safe', clients: 1_000 },
    compareWith: 'none',
  },
  'two-levels': {
    question: 'Eight app processes: one rebuild for the whole site, waiters told in each process. How many regenerations, and how long does the slowest client wait?',
    settings: { strategy: 'lock-notify', clients: 1_000, instances: 8, lockTtlMs: 2_000 },
    compareWith: 'coalesce',
  },
  'lock-expiry': {
    question: 'The lock lasts 200 ms, the regeneration 600 ms, and the holder extends its lock while it works. How many regenerations run, and how long does the slowest client wait?',
    settings: { strategy: 'lock-safe', ...SHORT_LOCK, watchdog: true },
    compareWith: 'lock-poll',
  },
  'safe-release': {
    question: 'The lock expires under its holder. With a token, how many regenerations run, and how long does the slowest client wait?',
    settings: { strategy: 'lock-safe', ...SHORT_LOCK },
    compareWith: 'lock-poll',
  },
  'waiting-well': {
    question: 'A thousand waiters are told when the value is ready instead of polling. How many regenerations, and how long does the slowest one wait?',
    settings: { strategy: 'lock-notify', clients: 1_000, lockTtlMs: 2_000 },
    compareWith: 'lock-poll',
  },
  'stale-while-revalidate': {
    question: 'A thousand clients find a stale value. How many regenerations, and how long does the slowest client wait?',
    settings: { strategy: 'swr', clients: 1_000 },
    compareWith: 'lock-safe',
  },
  xfetch: {
    question: 'Clients arrive steadily while the value nears its expiry. How many regenerations, and how long does the slowest client wait?',
    settings: { strategy: 'xfetch', clients: 1_000, arrival: 'poisson', windowMs: 3_000, cacheTtlMs: 1_000, initialCache: 'fresh' },
    compareWith: 'none',
  },
  'fencing-tokens': {
    question: 'A holder outlives its lock. With a token, how many regenerations run, and how long does the slowest client wait?',
    settings: { strategy: 'lock-safe', ...SHORT_LOCK },
    compareWith: 'lock-poll',
  },
};

/** The race a lesson's bridge opens, as settings and a comparison; the plain stampede for a lesson without its own. */
export function lessonRace(slug: string): { settings: SimSettings; compareWith: StrategyId; question: string } {
  const preset = LESSON_PRESETS[slug] ?? STAMPEDE;
  return { settings: { ...DEFAULT_SETTINGS, ...preset.settings }, compareWith: preset.compareWith, question: preset.question };
}
