import type { StepView } from './types';

/** What the editor holds before anything is typed, outside a lesson. */
export const BLANK_SCRIPT = '# Type Redis commands here, one per line, and press Run (Ctrl/Cmd+Enter).\n';

const GOAL = /^# Goal \(step \d+ of \d+\):\n(# [^\n]*\n)+$/;
/** The editor is about 60 characters wide beside the lesson at 1280 px; longer comment lines hide their end. */
const WIDTH = 58;

/** What first visits found before the goal comment: returning browsers still hold it in localStorage. */
const FORMER_SEED = `# Prevent a cache stampede with a lock
SET cache:data "initial value"
SET cache:lock "locked"
GET cache:data
SET cache:lock "locked" NX PX 30000
DEL cache:lock
`;

/** The editor's text when a step opens: its goal as a comment, never its commands (the learner types those). */
export function goalComment(step: StepView, n: number, total: number): string {
  const lines: string[] = [];
  for (const word of step.goal.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 1 <= WIDTH) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return `# Goal (step ${n} of ${total}):\n${lines.map((line) => `# ${line}\n`).join('')}`;
}

/**
 * Whether the editor holds only what the app put there, so a step's goal may replace it without
 * losing the learner's work. An empty editor is the learner's: they cleared it to type.
 */
export function isUntouchedStart(script: string): boolean {
  return script === BLANK_SCRIPT || script === FORMER_SEED || GOAL.test(script);
}

/** A line's command and key; a quoted Lua script is named, not shown, since the step's text holds it. */
function partialLine(line: string): string {
  const script = /^(EVAL)\s+"[^"]*"\s*(.*)$/i.exec(line.trim());
  if (script) {
    const [numkeys, firstKey] = script[2]!.split(/\s+/);
    return ['EVAL', '"<the script from the step>"', numkeys, firstKey, '…'].filter(Boolean).join(' ');
  }
  const words = line.trim().split(/\s+/);
  return words.length > 2 ? `${words.slice(0, 2).join(' ')} …` : line.trim();
}

/**
 * The middle rung of the help ladder, between the hint and the solution: each line's command and
 * key, the rest left for the learner to complete.
 */
export function partialAnswer(solution: string): string {
  return solution.split('\n').map(partialLine).join('\n');
}
