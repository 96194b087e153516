import { parseStepField } from './predictionFields';
import { sameAnswer } from './predictions';
import { lessonBySlug } from './registry';
import type { Lesson } from './types';

/** One step's predictions across a class, as the teacher's dashboard shows them. */
interface TallyEntry {
  slug: string;
  lessonTitle: string;
  step: number;
  question: string;
  /** How many chose each answer, in the order the step offers them. */
  choices: { choice: string; count: number }[];
  /** Participants whose run has decided the prediction. */
  decided: number;
  /** Of those, how many had predicted Redis's answer. */
  right: number;
  /** Of those, how many ran without predicting. */
  none: number;
}

/** Who opened a step's solution. */
interface SolutionOpened {
  slug: string;
  step: number;
  names: string[];
}

export interface ClassTally {
  predictions: TallyEntry[];
  solutions: SolutionOpened[];
}

type StepState = { choice?: string; answer?: string; solution?: boolean };

/** Each member's progress hash, read whole, folded into per-step counts. Pure: the server reads, this counts. */
export function tallyClass(members: { name: string; fields: Record<string, string> }[], find: (slug: string) => Lesson | undefined = lessonBySlug): ClassTally {
  const byStep = new Map<string, { slug: string; step: number; states: { name: string; state: StepState }[] }>();
  for (const { name, fields } of members) {
    const mine = new Map<string, StepState>();
    for (const [field, value] of Object.entries(fields)) {
      const parsed = parseStepField(field);
      if (!parsed) continue;
      const id = `${parsed.slug}#${parsed.step}`;
      const state = mine.get(id) ?? {};
      if (parsed.kind === 'solution') state.solution = true;
      else state[parsed.kind] = value;
      mine.set(id, state);
      if (!byStep.has(id)) byStep.set(id, { slug: parsed.slug, step: parsed.step, states: [] });
    }
    for (const [id, state] of mine) byStep.get(id)!.states.push({ name, state });
  }
  const ordered = [...byStep.values()].sort((a, b) => a.slug.localeCompare(b.slug) || a.step - b.step);
  return {
    predictions: ordered.flatMap(({ slug, step, states }) => {
      const lesson = find(slug);
      const prediction = lesson?.steps[step - 1]?.prediction;
      if (!lesson || !prediction) return [];
      const decided = states.filter(({ state }) => state.answer !== undefined);
      if (!states.some(({ state }) => state.choice !== undefined || state.answer !== undefined)) return [];
      return [
        {
          slug,
          lessonTitle: lesson.title,
          step,
          question: prediction.question,
          choices: prediction.choices.map((choice) => ({ choice, count: states.filter(({ state }) => state.choice === choice).length })),
          decided: decided.length,
          right: decided.filter(({ state }) => state.choice !== undefined && sameAnswer(state.choice, state.answer!)).length,
          none: decided.filter(({ state }) => state.choice === undefined).length,
        },
      ];
    }),
    solutions: ordered.flatMap(({ slug, step, states }) => {
      const names = states.filter(({ state }) => state.solution).map(({ name }) => name);
      return names.length ? [{ slug, step, names }] : [];
    }),
  };
}
