import type { Code, Node, Parent, Root, RootContent, Yaml } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Block, Lesson, PredictionCheck, Step } from '../types';
import type { TargetPart } from '../target';
import { checkedKeys, evaluateChecks, parseCheckBlock, type CheckLine, type LineError } from './checkLanguage';
import { parsePredictBlock } from './predictBlock';

/**
 * A teacher's lesson as one Markdown file (the format is in the README, "Writing lessons in
 * Markdown"): YAML front matter, then one step per `## ` heading with its text, `redis` examples,
 * a `check` block and optionally a `hint` and a `predict` block. micromark parses the Markdown and
 * `yaml` the front matter; this module only walks the trees. Raw HTML becomes plain text: the page
 * shows it, never runs it.
 */

/** A lesson file, or a pasted lesson, may be at most this long. */
export const MAX_LESSON_BYTES = 64 * 1024;
const MAX_STEPS = 30;
/** The errors reported for one file; a file with more is mostly something else. */
const MAX_ERRORS = 20;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TRACKS = ['basics', 'advanced', 'custom'] as const;
const FRONT_MATTER = ['slug', 'title', 'summary', 'track'] as const;
const RACE_INVITE = 'Now race it: set a crowd of clients loose on one expired key and watch what this lesson’s commands change.';
const PASSED = 'Redis agrees with every check of this step.';
const DEFAULT_HINT = 'Compare your keys and the replies with what this step asks for, then run again.';

export type LessonParse = { lesson: Lesson; errors: [] } | { lesson?: undefined; errors: LineError[] };

export interface ParseOptions {
  /** Slugs other lessons already use (the built-in ones, other files); a lesson may not take one. */
  taken?: (slug: string) => boolean;
}

const lineOf = (node: Node) => node.position?.start.line ?? 1;

/** Text of inline content, keeping `inline code` in backticks (the lesson panel renders those as code). */
function inlineText(node: Node): string {
  switch (node.type) {
    case 'inlineCode':
      return `\`${(node as Code).value}\``;
    case 'text':
    case 'html':
      return (node as Code).value;
    case 'break':
      return ' ';
    case 'image':
      return (node as unknown as { alt?: string }).alt ?? '';
    case 'link': {
      const text = (node as Parent).children.map(inlineText).join('');
      const url = (node as unknown as { url: string }).url;
      return text === url ? text : `${text} (${url})`;
    }
    default:
      return 'children' in node ? (node as Parent).children.map(inlineText).join(node.type === 'listItem' ? ' ' : '') : '';
  }
}

/** The front matter's fields, each with the line it is on. */
function readFrontMatter(yaml: Yaml, errors: LineError[]): Partial<Record<(typeof FRONT_MATTER)[number], { value: string; line: number }>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml.value, { lineCounter, prettyErrors: false });
  const at = (offset: number) => lineOf(yaml) + lineCounter.linePos(offset).line;
  const bad = doc.errors[0];
  if (bad) {
    errors.push({ line: at(bad.pos[0]), message: `the front matter is not valid YAML: ${bad.message.split('\n')[0]}` });
    return {};
  }
  if (!isMap(doc.contents)) {
    errors.push({ line: lineOf(yaml), message: 'the front matter lists slug, title and summary (and optionally track), one `name: value` per line' });
    return {};
  }
  const fields: ReturnType<typeof readFrontMatter> = {};
  for (const pair of doc.contents.items) {
    const key = pair.key as YamlNode;
    const name = isScalar(key) ? String(key.value) : '';
    const field = FRONT_MATTER.find((f) => f === name);
    const line = at(key.range?.[0] ?? 0);
    const value = pair.value;
    if (!field) errors.push({ line, message: `"${name.slice(0, 40)}" is not a front-matter field; a lesson has ${FRONT_MATTER.join(', ')}` });
    else if (!isScalar(value) || value.value === null || typeof value.value === 'object' || String(value.value).trim() === '')
      errors.push({ line, message: `\`${field}\` needs a value on its line, e.g. \`${field}: …\`` });
    else fields[field] = { value: String(value.value).trim(), line };
  }
  return fields;
}

function lessonHead(root: Root, errors: LineError[], options: ParseOptions): Pick<Lesson, 'slug' | 'title' | 'summary' | 'track'> | undefined {
  const yaml = root.children[0]?.type === 'yaml' ? root.children[0] : undefined;
  if (!yaml) {
    errors.push({ line: 1, message: 'a lesson starts with front matter: a `---` line, then `slug: …`, `title: …` and `summary: …`, then another `---` line' });
    return undefined;
  }
  const { slug, title, summary, track } = readFrontMatter(yaml, errors);
  const end = yaml.position?.end.line ?? 1;
  for (const [name, field] of [
    ['slug', slug],
    ['title', title],
    ['summary', summary],
  ] as const) {
    if (!field && !errors.some((e) => e.line <= end))
      errors.push({ line: lineOf(yaml), message: `the front matter has no \`${name}\`; a lesson needs slug, title and summary` });
  }
  if (slug && !SLUG.test(slug.value))
    errors.push({
      line: slug.line,
      message: `the slug "${slug.value.slice(0, 60)}" may use only lowercase letters, digits and single dashes, e.g. jitter-the-hot-key`,
    });
  else if (slug && slug.value.length > 60) errors.push({ line: slug.line, message: 'the slug is longer than 60 characters' });
  else if (slug && options.taken?.(slug.value))
    errors.push({ line: slug.line, message: `the slug "${slug.value}" is already taken by another lesson; choose another` });
  if (title && title.value.length > 120) errors.push({ line: title.line, message: 'the title is longer than 120 characters' });
  if (summary && summary.value.length > 300) errors.push({ line: summary.line, message: 'the summary is longer than 300 characters' });
  const trackValue = TRACKS.find((t) => t === (track?.value ?? 'custom'));
  if (track && !trackValue) errors.push({ line: track.line, message: `the track is one of ${TRACKS.join(', ')} (custom when left out)` });
  if (!slug || !title || !summary || !trackValue) return undefined;
  return { slug: slug.value, title: title.value, summary: summary.value, track: trackValue };
}

/** One step's nodes, from its `## ` heading to the next. */
interface StepDraft {
  title: string;
  line: number;
  nodes: RootContent[];
}

function splitSteps(root: Root, errors: LineError[]): StepDraft[] {
  const steps: StepDraft[] = [];
  for (const node of root.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading' && node.depth === 1) {
      errors.push({
        line: lineOf(node),
        message: 'a `# ` heading has no place in a lesson: the title is in the front matter, and each step starts with `## `',
      });
    } else if (node.type === 'heading' && node.depth === 2) {
      const title = inlineText(node).trim();
      if (!title) errors.push({ line: lineOf(node), message: 'this step heading has no title' });
      steps.push({ title, line: lineOf(node), nodes: [] });
    } else if (steps.length === 0) {
      if (node.type !== 'definition')
        errors.push({
          line: lineOf(node),
          message: 'this comes before the first step: every part of a lesson belongs to a step, which starts with a `## ` heading',
        });
    } else steps.at(-1)!.nodes.push(node);
  }
  return steps;
}

/** A body block for any node that is not one of the step's special fenced blocks. */
function bodyBlocks(node: RootContent): Block[] {
  switch (node.type) {
    case 'code':
      return node.lang === 'redis' ? [{ kind: 'code', code: node.value }] : [{ kind: 'note', text: node.value }];
    case 'list':
      return node.children.map((item, i) => ({ kind: 'text', text: `${node.ordered ? `${(node.start ?? 1) + i}.` : '•'} ${inlineText(item).trim()}` }));
    case 'blockquote':
      return [{ kind: 'note', text: inlineText(node).trim() }];
    case 'thematicBreak':
    case 'definition':
      return [];
    default: {
      const text = inlineText(node).trim();
      return text ? [{ kind: 'text', text }] : [];
    }
  }
}

/** The state a step's checks wait for, as the picture shown beside the keys panel. */
function targetOf(checks: CheckLine[]): TargetPart[] {
  const parts = new Map<string, TargetPart>();
  for (const check of checks) {
    if (!('key' in check) || check.kind === 'type') continue;
    const part = parts.get(check.key) ?? { key: check.key };
    if (check.kind === 'missing') part.state = 'gone';
    if (check.kind === 'value') part.value = check.value;
    if (check.kind === 'ttl') part.state = 'expiring';
    parts.set(check.key, part);
  }
  return [...parts.values()];
}

function buildStep(draft: StepDraft, errors: LineError[]): Step | undefined {
  const body: Block[] = [];
  const examples: string[] = [];
  const special: Partial<Record<'check' | 'hint' | 'predict', Code>> = {};
  for (const node of draft.nodes) {
    if (node.type === 'code' && (node.lang === 'check' || node.lang === 'hint' || node.lang === 'predict')) {
      if (special[node.lang])
        errors.push({
          line: lineOf(node),
          message: `step "${draft.title}" already has a ${node.lang} block (line ${lineOf(special[node.lang]!)}); a step has at most one`,
        });
      else special[node.lang] = node;
      continue;
    }
    if (node.type === 'code' && node.lang === 'redis') examples.push(node.value);
    body.push(...bodyBlocks(node));
  }
  if (!special.check) {
    errors.push({ line: draft.line, message: `step "${draft.title}" has no \`check\` block: a step passes only when Redis agrees with its check` });
    return undefined;
  }
  // A fenced block's content starts on the line after its opening fence.
  const { checks, errors: checkErrors } = parseCheckBlock(special.check.value, lineOf(special.check) + 1);
  errors.push(...checkErrors);
  let prediction: PredictionCheck | undefined;
  if (special.predict) {
    const parsed = parsePredictBlock(special.predict.value, lineOf(special.predict) + 1);
    errors.push(...parsed.errors);
    prediction = parsed.prediction;
  }
  const hint = special.hint?.value.trim();
  if (special.hint && !hint) errors.push({ line: lineOf(special.hint), message: 'this hint block is empty' });
  const firstText = body.find((block) => block.kind === 'text');
  const target = targetOf(checks);
  return {
    title: draft.title,
    goal: firstText?.kind === 'text' ? firstText.text : draft.title,
    body,
    passed: PASSED,
    hint: hint || DEFAULT_HINT,
    solution: examples.join('\n'),
    keys: checkedKeys(checks),
    ...(target.length > 0 && { target }),
    check: (snapshot) => evaluateChecks(checks, snapshot),
    ...(prediction && { prediction }),
  };
}

/** Parses a lesson; every problem comes back with its line, in the order of the file. */
export function parseLessonMarkdown(source: string, options: ParseOptions = {}): LessonParse {
  if (new TextEncoder().encode(source).length > MAX_LESSON_BYTES) {
    return { errors: [{ line: 1, message: `the lesson is longer than ${MAX_LESSON_BYTES / 1024} KB; split it into several lessons` }] };
  }
  const root = fromMarkdown(source.replace(/\r\n?/g, '\n'), { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  const errors: LineError[] = [];
  const head = lessonHead(root, errors, options);
  const drafts = splitSteps(root, errors);
  if (drafts.length === 0) errors.push({ line: root.position?.end.line ?? 1, message: 'the lesson has no steps: each step starts with a `## ` heading' });
  if (drafts.length > MAX_STEPS) errors.push({ line: drafts[MAX_STEPS]!.line, message: `a lesson has at most ${MAX_STEPS} steps` });
  const steps = drafts.map((draft) => buildStep(draft, errors));
  if (errors.length > 0 || !head) return { errors: errors.sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS) };
  return { lesson: { ...head, steps: steps as Step[], raceInvite: RACE_INVITE }, errors: [] };
}

/** A lesson's errors as lines a teacher reads: `line 12: …`. */
export const describeErrors = (errors: LineError[]) => errors.map((e) => `line ${e.line}: ${e.message}`);
