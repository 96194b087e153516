import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { advance } from '../progress';
import { lessonView } from '../registry';
import { snapshot, str } from '../testSnapshot';
import { MAX_LESSON_BYTES, parseLessonMarkdown } from './parseLesson';

const FIXTURE = readFileSync(path.join(__dirname, '../../../e2e/fixtures/lessons/jitter-the-hot-key.md'), 'utf8');
const HEAD = ['---', 'slug: tiny', 'title: Tiny', 'summary: One step.', '---', ''];
const STEP = ['## Set it', '', 'Set `k`.', '', '```check', 'exists k', '```'];
const errorsOf = (lines: string[], taken?: (slug: string) => boolean) => parseLessonMarkdown(lines.join('\n'), { taken }).errors;

describe('a Markdown lesson', () => {
  const parsed = parseLessonMarkdown(FIXTURE);

  it('reads the front matter and one step per ## heading', () => {
    expect(parsed.errors).toEqual([]);
    const lesson = parsed.lesson!;
    expect(lesson).toMatchObject({ slug: 'jitter-the-hot-key', title: 'Jitter the hot key', track: 'custom' });
    expect(lesson.steps.map((s) => s.title)).toEqual(['Cache the hot key', 'Take the lock twice']);
    expect(lesson.raceInvite).toMatch(/race/i);
  });

  it('turns text into blocks, keeps raw HTML as text, and redis examples as runnable code', () => {
    const [first, second] = lessonView(parsed.lesson!).steps;
    expect(first!.body).toEqual([
      {
        kind: 'text',
        text: 'Cache `hot:1` for about half a minute, so it does not expire with its neighbours.\nMarkup stays text: <img src=x onerror="window.lessonMarkupRan = true"> and <b>bold</b>.',
      },
      { kind: 'text', text: '<script>window.lessonMarkupRan = true</script>' },
      { kind: 'code', code: 'SET hot:1 "v" PX 31000' },
    ]);
    expect(first).toMatchObject({
      goal: expect.stringMatching(/^Cache `hot:1`/),
      hint: 'SET takes PX and a number of milliseconds.',
      solution: 'SET hot:1 "v" PX 31000',
      keys: ['hot:1'],
    });
    expect(first!.target).toEqual([{ key: 'hot:1', value: 'v', state: 'expiring' }]);
    expect(second!.prediction).toEqual({ question: 'What will the second SET answer?', choices: ['OK', '(nil)'], explain: expect.any(Object) });
  });

  it('passes a step only when Redis agrees', () => {
    const lesson = parsed.lesson!;
    expect(advance(lesson, 0, snapshot({ 'hot:1': str('v') })).completed).toBe(0);
    expect(advance(lesson, 0, snapshot({ 'hot:1': str('v', 40_000) })).hint).toMatch(/has 40000 ms left/);
    expect(advance(lesson, 0, snapshot({ 'hot:1': str('v', 30_000) }))).toMatchObject({ completed: 1 });
    const locked = snapshot({ 'lock:hot:1': str('me', 29_000) }, [
      ['SET lock:hot:1 "me" NX PX 30000', 'OK'],
      ['SET lock:hot:1 "you" NX PX 30000', '(nil)'],
    ]);
    expect(advance(lesson, 1, locked)).toMatchObject({ completed: 2, total: 2 });
    expect(lesson.steps[1]!.prediction!.observe(locked)).toBe('(nil)');
  });

  it('renders other parts as text: lists, quotes, deeper headings, links, other code', () => {
    const body = [
      '- one `a`',
      '- two',
      '',
      '1. first',
      '',
      '> a note',
      '',
      '### More',
      '',
      '[docs](https://redis.io) and ![alt](x.png)',
      '',
      '```lua',
      'return 1',
      '```',
      '',
      '---',
    ];
    const { lesson } = parseLessonMarkdown([...HEAD, ...STEP, ...body].join('\n'));
    expect(lesson!.steps[0]!.body.slice(1)).toEqual([
      { kind: 'text', text: '• one `a`' },
      { kind: 'text', text: '• two' },
      { kind: 'text', text: '1. first' },
      { kind: 'note', text: 'a note' },
      { kind: 'text', text: 'More' },
      { kind: 'text', text: 'docs (https://redis.io) and alt' },
      { kind: 'note', text: 'return 1' },
    ]);
    expect(lesson!.steps[0]).toMatchObject({ solution: '', hint: expect.any(String), goal: 'Set `k`.' });
  });

  it('takes basics and advanced as tracks; custom when left out', () => {
    expect(parseLessonMarkdown([...HEAD, ...STEP].join('\n')).lesson!.track).toBe('custom');
    expect(parseLessonMarkdown([...HEAD.slice(0, 4), 'track: basics', ...HEAD.slice(4), ...STEP].join('\n')).lesson!.track).toBe('basics');
  });

  const errors: [string, string[], number, RegExp][] = [
    ['no front matter', STEP, 1, /a lesson starts with front matter/],
    ['front matter that is not YAML', ['---', 'slug: [x', '---', ...STEP], 2, /front matter is not valid YAML/],
    ['front matter that is a list', ['---', '- a', '---', ...STEP], 1, /lists slug, title and summary/],
    ['an unknown front-matter field', [...HEAD.slice(0, 4), 'author: me', ...HEAD.slice(4), ...STEP], 5, /"author" is not a front-matter field/],
    ['a field without a value', ['---', 'slug: tiny', 'title:', 'summary: s', '---', ...STEP], 3, /`title` needs a value/],
    ['a missing field', ['---', 'slug: tiny', 'title: t', '---', ...STEP], 1, /has no `summary`/],
    ['a bad slug', ['---', 'slug: Tiny_One', 'title: t', 'summary: s', '---', ...STEP], 2, /may use only lowercase letters, digits and single dashes/],
    ['a slug too long', ['---', `slug: ${'a'.repeat(61)}`, 'title: t', 'summary: s', '---', ...STEP], 2, /longer than 60/],
    ['a slug taken', HEAD.concat(STEP), 2, /"tiny" is already taken/],
    ['a title too long', ['---', 'slug: tiny', `title: ${'t'.repeat(121)}`, 'summary: s', '---', ...STEP], 3, /title is longer than 120/],
    ['a summary too long', ['---', 'slug: tiny', 'title: t', `summary: ${'s'.repeat(301)}`, '---', ...STEP], 4, /summary is longer than 300/],
    ['an unknown track', [...HEAD.slice(0, 4), 'track: expert', ...HEAD.slice(4), ...STEP], 5, /track is one of basics, advanced, custom/],
    ['no steps', HEAD, 6, /has no steps/],
    ['text before the first step', [...HEAD, 'Intro.', '', ...STEP], 7, /comes before the first step/],
    ['a # heading', [...HEAD, ...STEP, '', '# Title'], 15, /a `# ` heading has no place/],
    ['an empty step title', [...HEAD, '##', '```check', 'exists k', '```'], 7, /has no title/],
    ['a step without a check', [...HEAD, '## Lonely', '', 'Text.'], 7, /step "Lonely" has no `check` block/],
    ['two check blocks', [...HEAD, ...STEP, '```check', 'exists j', '```'], 14, /already has a check block \(line 11\)/],
    ['an empty hint', [...HEAD, ...STEP, '```hint', '```'], 14, /this hint block is empty/],
    ['a bad check line', [...HEAD, ...STEP.slice(0, 6), 'ttl k soon', '```'], 13, /`ttl` takes a key and a range/],
    ['a bad predict block', [...HEAD, ...STEP, '```predict', 'question: q', '```'], 15, /has no `command`/],
  ];
  it.each(errors)('reports %s by line', (name, lines, line, message) => {
    const found = errorsOf(lines, name === 'a slug taken' ? (slug) => slug === 'tiny' : undefined);
    expect(found).toContainEqual({ line, message: expect.stringMatching(message) });
  });

  it('reports too many steps, and a file too long', () => {
    const steps = Array.from({ length: 31 }, (_, i) => [`## Step ${i}`, '```check', 'exists k', '```']).flat();
    expect(errorsOf([...HEAD, ...steps])).toEqual([{ line: 6 + 30 * 4 + 1, message: 'a lesson has at most 30 steps' }]);
    expect(errorsOf([...HEAD, ...STEP, 'x'.repeat(MAX_LESSON_BYTES)])).toEqual([{ line: 1, message: expect.stringMatching(/longer than 64 KB/) }]);
  });

  it('reads Windows line ends as well', () => {
    expect(parseLessonMarkdown([...HEAD, ...STEP].join('\r\n')).errors).toEqual([]);
  });
});
