import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseLog } from '../checks/log';
import type { PredictionCheck } from '../types';
import { matchesPattern, type LineError } from './checkLanguage';
import { splitArgsText } from '@/lib/cli/tokenize';

/**
 * The `predict` block: a question asked before the step's decisive command runs, written in YAML.
 *
 *     question: What will the second SET answer?
 *     command: SET lock:hot:1 * NX PX *
 *     choices:
 *       - OK
 *       - (nil)
 *     right: (nil)
 *     why: Someone already holds lock:hot:1, so NX refuses and SET answers (nil).
 *
 * `command` is a pattern as in `ran`: the first command the learner runs that matches it decides the
 * outcome, judged against Redis's real answer as for the built-in lessons. `right` names the choice
 * the lesson expects, and `why` (shown after the run) explains it.
 */

const FIELDS = ['question', 'command', 'choices', 'right', 'why'] as const;
const MAX_CHOICES = 6;

/** A `predict` block's prediction; `firstLine` is the file's line number of the block's first line. */
export function parsePredictBlock(text: string, firstLine: number): { prediction?: PredictionCheck; errors: LineError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => firstLine - 1 + (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const fail = (line: number, message: string) => ({ errors: [{ line, message }] });
  const yamlError = doc.errors[0];
  if (yamlError)
    return fail(firstLine - 1 + lineCounter.linePos(yamlError.pos[0]).line, `this predict block is not valid YAML: ${yamlError.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) return fail(firstLine, `a predict block lists ${FIELDS.join(', ')}, one per line, e.g. \`question: What will GET answer?\``);

  const errors: LineError[] = [];
  const values: Partial<Record<(typeof FIELDS)[number], string | string[]>> = {};
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const field = FIELDS.find((f) => f === name);
    const node = pair.value as Node | null;
    if (!field)
      errors.push({ line: lineOf(pair.key as Node), message: `"${name.slice(0, 40)}" is not a field of a predict block; it takes ${FIELDS.join(', ')}` });
    else if (field === 'choices') {
      const items = isSeq(node) ? node.items.map((item) => (isScalar(item) && item.value !== null ? String(item.value) : undefined)) : [];
      if (items.length < 2 || items.length > MAX_CHOICES || items.some((item) => item === undefined || item === '')) {
        errors.push({
          line: lineOf(node ?? (pair.key as Node)),
          message: `\`choices\` is a list of 2 to ${MAX_CHOICES} answers, one \`- answer\` per line, each as redis-cli prints it`,
        });
      } else values.choices = items as string[];
    } else if (!isScalar(node) || node.value === null || String(node.value).trim() === '') {
      errors.push({ line: lineOf(node ?? (pair.key as Node)), message: `\`${field}\` needs a value on its line, e.g. \`${field}: …\`` });
    } else values[field] = String(node.value).trim();
  }
  for (const field of FIELDS) {
    if (!(field in values) && !errors.length)
      errors.push({ line: firstLine, message: `this predict block has no \`${field}\`; it needs ${FIELDS.join(', ')}` });
  }
  if (errors.length) return { errors };

  const { question, command, choices, right, why } = values as { question: string; command: string; choices: string[]; right: string; why: string };
  const pattern = splitArgsText(command);
  const commandLine = lineOf(doc.contents.get('command', true) as Node);
  if (!pattern || pattern.length === 0) return fail(commandLine, '`command` is a command pattern as in `ran`, e.g. `command: SET lock:hot:1 * NX PX *`');
  if (!choices.includes(right)) return fail(lineOf(doc.contents.get('right', true) as Node), `\`right\` must be one of the choices: ${choices.join(', ')}`);
  return {
    errors: [],
    prediction: {
      question,
      choices,
      explain: { [right]: why, other: `This step expected ${right}. ${why}` },
      observe: (snapshot) => parseLog(snapshot.log).find((c) => matchesPattern(pattern, c))?.text,
    },
  };
}
