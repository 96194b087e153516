import { z } from 'zod';

/** For both bodies below: a step number and one short answer. */
export const MAX_PREDICTION_BODY_BYTES = 1024;

const EXAMPLE = 'e.g. {"step": 3, "choice": "(nil)"}';

const step = z.int({ error: 'Send "step" as the step\'s number, e.g. {"step": 3, …}.' }).min(1, { error: 'Steps count from 1, e.g. {"step": 3, …}.' });

/** POST /api/lessons/<slug>/solution: the step whose solution the learner opened. */
export const solutionBody = z.object({ step });

/** POST /api/lessons/<slug>/prediction: which step, and the answer the learner expects. */
export const predictionBody = z.object({
  step,
  choice: z.string({ error: `Send "choice" as one of the step's answers, ${EXAMPLE}.` }).max(200, { error: 'That answer is longer than any of the choices.' }),
});
