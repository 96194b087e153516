import { describe, expect, it } from 'vitest';
import { explanationFor } from '../predictions';
import { snapshot } from '../testSnapshot';
import { parsePredictBlock } from './predictBlock';

const GOOD = [
  'question: What will the second SET answer?',
  'command: SET lock * NX PX *',
  'choices:',
  '  - OK',
  '  - (nil)',
  'right: (nil)',
  'why: Someone holds the lock.',
];
const parse = (lines: string[]) => parsePredictBlock(lines.join('\n'), 20);

describe('the predict block', () => {
  it('reads the question, choices and the right one; the first matching command decides', () => {
    const { prediction, errors } = parse(GOOD);
    expect(errors).toEqual([]);
    expect(prediction).toMatchObject({ question: 'What will the second SET answer?', choices: ['OK', '(nil)'] });
    expect(explanationFor(prediction!, '(nil)')).toBe('Someone holds the lock.');
    expect(explanationFor(prediction!, 'OK')).toBe('This step expected (nil). Someone holds the lock.');
    expect(prediction!.observe(snapshot({}, [['GET lock', '(nil)']]))).toBeUndefined();
    expect(
      prediction!.observe(
        snapshot({}, [
          ['SET lock a NX PX 10', 'OK'],
          ['SET lock b NX PX 10', '(nil)'],
        ]),
      ),
    ).toBe('OK');
  });

  const errors: [string, string[], number, RegExp][] = [
    ['not YAML', ['question: [unclosed'], 20, /not valid YAML/],
    ['not a map', ['- just a list'], 20, /a predict block lists question, command, choices, right, why/],
    ['an unknown field', [...GOOD, 'colour: red'], 27, /"colour" is not a field of a predict block/],
    ['one choice', [...GOOD.slice(0, 3), '  - OK', ...GOOD.slice(5)], 23, /`choices` is a list of 2 to 6 answers/],
    ['choices not a list', [GOOD[0]!, GOOD[1]!, 'choices: OK', GOOD[5]!, GOOD[6]!], 22, /`choices` is a list/],
    ['an empty field', [GOOD[0]!, 'command:', ...GOOD.slice(2)], 21, /`command` needs a value on its line/],
    ['a missing field', GOOD.slice(0, 6), 20, /has no `why`/],
    ['a bad pattern', [GOOD[0]!, 'command: SET "lock', ...GOOD.slice(2)], 21, /`command` is a command pattern as in `ran`/],
    ['a right answer not among the choices', [...GOOD.slice(0, 5), 'right: (integer) 1', GOOD[6]!], 25, /`right` must be one of the choices: OK, \(nil\)/],
  ];
  it.each(errors)('refuses %s, by line', (_name, lines, line, message) => {
    const result = parse(lines);
    expect(result.prediction).toBeUndefined();
    expect(result.errors[0]).toEqual({ line, message: expect.stringMatching(message) });
  });
});
