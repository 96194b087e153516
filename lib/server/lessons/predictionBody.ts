import { z } from 'zod';

export const MAX_PREDICTION_BODY_BYTES = 1024;

const EXAMPLE = 'e.g. {"step": 3, "choice": "(nil)"}';

/** POST /api/lessons/<slug>/prediction: which step, and the answer the learner expects. */
export const predictionBody = z.object({
  step: z.int({ error: `Send "step" as the step's number, ${EXAMPLE}.` }).min(1, { error: `Steps count from 1, ${EXAMPLE}.` }),
  choice: z.string({ error: `Send "choice" as one of the step's answers, ${EXAMPLE}.` }).max(200, { error: 'That answer is longer than any of the choices.' }),
});
