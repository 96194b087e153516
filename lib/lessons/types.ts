import type { TargetPart } from './target';

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

type Check = (snapshot: LessonSnapshot) => CheckResult;

/** Instruction text: paragraphs whose `backticks` render as code, and commands to insert or run. */
export type Block = { kind: 'text'; text: string } | { kind: 'code'; code: string } | { kind: 'note'; text: string };

/**
 * A question asked before the step's decisive command runs (Peer Instruction): what will Redis answer?
 * Answering is optional; the outcome is decided by the first run of that command.
 */
export interface Prediction {
  question: string;
  /** The answers to choose from, each exactly as redis-cli prints it, e.g. `(nil)` or `OK`. */
  choices: string[];
  /** Why Redis answered what it did, by answer; `other` covers any answer not listed. Shown after the run. */
  explain: Record<string, string>;
}

/** A prediction with the pure function that finds Redis's answer to the decisive command. */
export interface PredictionCheck extends Prediction {
  /** The reply to the first run of the decisive command in the snapshot, or undefined while it has not run. */
  observe: (snapshot: LessonSnapshot) => string | undefined;
}

export interface Step {
  title: string;
  /** What the step is for, in one line without its commands: the editor starts with it as a comment. */
  goal: string;
  body: Block[];
  /** One line of why, shown with a ✓ once the step passes. */
  passed: string;
  /** The general hint, shown on request. */
  hint: string;
  /** A script that completes the step, shown on request. */
  solution: string;
  /** Keys the step talks about; the keys panel highlights them. */
  keys: string[];
  /** The Redis state the step is waiting for, shown beside the live keys and ticked off part by part. */
  target?: TargetPart[];
  check: Check;
  prediction?: PredictionCheck;
}

export interface Lesson {
  slug: string;
  title: string;
  summary: string;
  /** `custom`: a teacher's Markdown lesson (from LESSONS_DIR or pasted into a workshop). */
  track: 'basics' | 'advanced' | 'custom';
  steps: Step[];
  /** The sentence on the last step that invites the learner to race the lesson's pattern (`/race?from=<slug>`). */
  raceInvite: string;
}

/** A lesson as the browser receives it: everything but the checks. */
export interface StepView extends Omit<Step, 'check' | 'prediction'> {
  prediction?: Prediction;
}

export interface LessonView extends Omit<Lesson, 'steps'> {
  steps: StepView[];
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
  /** One per step with a prediction that has been made or decided. */
  predictions?: PredictionOutcome[];
}

/** A learner's prediction and, once the decisive command ran, Redis's answer. */
export interface PredictionOutcome {
  /** 1-based step. */
  step: number;
  /** The answer chosen before the run, or null when the learner ran without predicting. */
  choice: string | null;
  /** Redis's answer to the decisive command; absent until it has run. */
  answer?: string;
}
