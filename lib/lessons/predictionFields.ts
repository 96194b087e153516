/**
 * Names of the fields a session's progress hash holds per step, beside each lesson's progress
 * (field `<slug>`): the prediction chosen, Redis's answer, and whether the solution was opened.
 * Slugs hold no '#', so these never collide with a lesson's own field.
 */
export type StepField = 'choice' | 'answer' | 'solution';

export const stepField = (slug: string, step: number, kind: StepField) => `${slug}#${step}#${kind}`;

/** The parts of a step field's name, or undefined for a lesson's own progress field. */
export function parseStepField(field: string): { slug: string; step: number; kind: StepField } | undefined {
  const match = /^([^#]+)#(\d+)#(choice|answer|solution)$/.exec(field);
  return match ? { slug: match[1]!, step: Number(match[2]), kind: match[3] as StepField } : undefined;
}
