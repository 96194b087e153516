/**
 * Lesson content and the shapes its checks read. Pure and isomorphic: the server evaluates checks,
 * the browser only ever receives the content without them (see `LessonView`).
 */

/** One command a learner ran, oldest first; the same shape as the server's command log entries. */
export interface LessonCommand {
  /** The command as typed. */
  command: string;
  /** redis-cli's text for its reply, e.g. `OK`, `(nil)`, `(integer) 1`, `(error) ERR syntax error`. */
  text: string;
  ok: boolean;
  /** Epoch ms on the app server. */
  at: number;
}

interface KeyBase {
  /** Milliseconds left, or null for a key without TTL. */
  ttlMs: number | null;
}

/** One key of the session, with its whole value (strings and members are read as UTF-8). */
export type KeyState =
  | (KeyBase & { type: 'string'; value: string })
  | (KeyBase & { type: 'hash'; fields: Record<string, string> })
  | (KeyBase & { type: 'list'; items: string[] })
  | (KeyBase & { type: 'set'; members: string[] })
  | (KeyBase & { type: 'zset'; members: { member: string; score: number }[] })
  | (KeyBase & { type: 'other'; redisType: string });

/** What a check sees: the session's keys (names without the namespace) and its command log. */
export interface LessonSnapshot {
  keys: Record<string, KeyState>;
  log: LessonCommand[];
  /** Redis's clock, epoch ms. */
  now: number;
}

export interface CheckResult {
  done: boolean;
  /** What to try next, specific to what the learner did; shown while the step is not done. */
  hint?: string;
}

export type Check = (snapshot: LessonSnapshot) => CheckResult;

/** Instruction text: paragraphs whose `backticks` render as code, and commands to insert or run. */
export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'code'; code: string }
  | { kind: 'note'; text: string };

export interface Step {
  title: string;
  body: Block[];
  /** The general hint, shown on request. */
  hint: string;
  /** A script that completes the step, shown on request. */
  solution: string;
  /** Keys the step talks about; the keys panel highlights them. */
  keys: string[];
  check: Check;
}

export interface Lesson {
  slug: string;
  title: string;
  summary: string;
  track: 'basics' | 'advanced';
  steps: Step[];
}

/** A lesson as the browser receives it: everything but the checks. */
export interface LessonView extends Omit<Lesson, 'steps'> {
  steps: Omit<Step, 'check'>[];
}

export interface LessonSummary {
  slug: string;
  title: string;
  summary: string;
  track: Lesson['track'];
  steps: number;
}

/** A session's progress in one lesson: steps are done in order, and stay done. */
export interface LessonProgress {
  slug: string;
  completed: number;
  total: number;
  /** The specific hint for the first step not yet done, after the latest run. */
  hint?: string;
}
