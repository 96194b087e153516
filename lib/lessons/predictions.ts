import { parseLog, type ParsedCommand } from './checks/log';
import type { Lesson, LessonSnapshot, Prediction, PredictionOutcome } from './types';

/** redis-cli prints an array over several lines; a choice may write it on one. */
const normal = (reply: string) => reply.trim().replace(/\s+/g, ' ');

export const sameAnswer = (a: string, b: string) => normal(a) === normal(b);

export const isCorrect = (outcome: PredictionOutcome) => outcome.answer !== undefined && outcome.choice !== null && sameAnswer(outcome.choice, outcome.answer);

/** The reply to the first logged command that `match` accepts: what a prediction is judged against. */
export function firstReply(snapshot: LessonSnapshot, match: (c: ParsedCommand) => boolean): string | undefined {
  return parseLog(snapshot.log).find(match)?.text;
}

/** Why Redis answered `answer`: its own explanation, or the one for any other answer. */
export function explanationFor(prediction: Prediction, answer: string): string {
  const key = Object.keys(prediction.explain).find((choice) => choice !== 'other' && sameAnswer(choice, answer));
  return prediction.explain[key ?? 'other'] ?? '';
}

/**
 * Redis's answers to the decisive commands of the steps the learner has reached (done or on screen),
 * for the steps whose answer is not known yet. A step not reached yet is not judged: running its
 * command early, by chance, must not decide a question the learner has not been asked.
 */
export function newAnswers(lesson: Lesson, completed: number, snapshot: LessonSnapshot, known: ReadonlySet<number>): { step: number; answer: string }[] {
  return lesson.steps.flatMap((step, i) => {
    const n = i + 1;
    if (!step.prediction || n > completed + 1 || known.has(n)) return [];
    const answer = step.prediction.observe(snapshot);
    return answer === undefined ? [] : [{ step: n, answer }];
  });
}

/** Why a prediction cannot be taken, or undefined when it can. */
export function predictionProblem(lesson: Lesson, step: number, choice: string): string | undefined {
  const prediction = lesson.steps[step - 1]?.prediction;
  if (!prediction) return `Step ${step} of "${lesson.title}" asks for no prediction.`;
  if (!prediction.choices.includes(choice)) return `"${choice.slice(0, 60)}" is not one of the answers to choose from: ${prediction.choices.join(', ')}.`;
  return undefined;
}
