import type { Comparison } from './comparison';
import { DEFAULT_SETTINGS, type SimSettings, type StrategyId } from './settings';
import { DEFAULT_CUSTOM } from './strategies/customTemplates';

/**
 * The race each lesson bridges to (`/race?from=<lesson-slug>`): the lesson's strategy compared with
 * the one it improves on, with a client count and timings that make the difference plain. One
 * entry per lesson of lib/lessons/registry.ts; a slug without one opens the plain stampede.
 */
export interface LessonPreset {
  /** What the learner is asked to watch for, in one sentence. */
  question: string;
  settings: Partial<SimSettings> & { strategy: StrategyId };
  compareWith: Comparison;
}

/** A lock that lasts shorter than the regeneration: it expires under its holder. */
const SHORT_LOCK = { clients: 200, backendLatencyMs: 600, lockTtlMs: 200, pollIntervalMs: 20, maxPollIntervalMs: 80 } as const;

/**
 * Keys written together (a deploy, a warm-up) and read steadily, each rebuilt behind its own lock:
 * 200 keys against a backend of 20 connections at 200 ms, 100 rebuilds a second. Without jitter they
 * expire in the same instant and queue for two seconds; jitter spreads them over three.
 */
const MANY_KEYS = {
  keys: 200,
  ttlJitterMs: 3_000,
  clients: 4_000,
  arrival: 'poisson',
  windowMs: 5_000,
  cacheTtlMs: 1_500,
  initialCache: 'fresh',
  backendLatencyMs: 200,
  lockTtlMs: 5_000,
} as const;

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
    question:
      'A miss hands out one token that lets its holder fill the cache; the others wait. How many regenerations, and how long does the slowest client wait?',
    settings: { strategy: 'lock-safe', clients: 1_000 },
    compareWith: 'none',
  },
  'two-levels': {
    question:
      'Eight app processes: one rebuild for the whole site, waiters told in each process. How many regenerations, and how long does the slowest client wait?',
    settings: { strategy: 'lock-notify', clients: 1_000, instances: 8, lockTtlMs: 2_000 },
    compareWith: 'coalesce',
  },
  'lock-expiry': {
    question:
      'The lock lasts 200 ms, the regeneration 600 ms, and the holder extends its lock while it works. How many regenerations run, and how long does the slowest client wait?',
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
  'many-keys': {
    question:
      'Two hundred keys written at once expire together, each behind its own lock. How many rebuilds ask the backend at the same moment, and how long does the slowest client wait, with TTL jitter and without?',
    settings: { strategy: 'lock-safe', ...MANY_KEYS },
    compareWith: 'no-jitter',
  },
  'build-your-own': {
    question: 'Your own lock (in Lua) against no protection, 1,000 clients. How many regenerations does yours make, and how long does the slowest client wait?',
    settings: { strategy: 'custom', clients: 1_000, custom: DEFAULT_CUSTOM },
    compareWith: 'none',
  },
  'fencing-tokens': {
    question: 'A holder outlives its lock. With a token, how many regenerations run, and how long does the slowest client wait?',
    settings: { strategy: 'lock-safe', ...SHORT_LOCK },
    compareWith: 'lock-poll',
  },
};

/** The race a lesson's bridge opens, as settings and a comparison; the plain stampede for a lesson without its own. */
export function lessonRace(slug: string): { settings: SimSettings; compareWith: Comparison; question: string } {
  const preset = LESSON_PRESETS[slug] ?? STAMPEDE;
  return { settings: { ...DEFAULT_SETTINGS, ...preset.settings }, compareWith: preset.compareWith, question: preset.question };
}
