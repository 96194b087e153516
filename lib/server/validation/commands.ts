import { z } from 'zod';

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_SCRIPT_LINES = 1_000;

export const commandsBody = z.object({
  script: z
    .string({ error: 'Send the commands as a "script" string, e.g. {"script": "GET cache:data"}.' })
    .refine((script) => script.replace(/\r?\n$/, '').split('\n').length <= MAX_SCRIPT_LINES, {
      error: `A script can have at most ${MAX_SCRIPT_LINES.toLocaleString('en')} lines. Split it into smaller runs.`,
    }),
  /** The lesson open beside the editor; its progress comes back with the results. The route checks this session may open it. */
  lesson: z.string({ error: 'Send "lesson" as a lesson\'s slug, e.g. {"script": "PING", "lesson": "stampede-lock"}.' }).optional(),
});

/** The first problem zod found, as the sentence the learner sees. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The request is not in the expected shape.';
}
