import { describe, expect, it } from 'vitest';
import { stepField } from './predictionFields';
import { tallyClass } from './tally';

const fields = (entries: [step: number, kind: 'choice' | 'answer' | 'solution', value: string][], slug = 'stampede-lock') =>
  Object.fromEntries([[slug, '{"completed":3}'], ...entries.map(([step, kind, value]) => [stepField(slug, step, kind), value])]);

describe('the class tally', () => {
  it('counts who chose what, and who was right, for three participants', () => {
    const tally = tallyClass([
      {
        name: 'Ada',
        fields: fields([
          [3, 'choice', '(nil)'],
          [3, 'answer', '(nil)'],
        ]),
      },
      {
        name: 'Linus',
        fields: fields([
          [3, 'choice', 'OK'],
          [3, 'answer', '(nil)'],
          [3, 'solution', '1'],
        ]),
      },
      { name: 'Grace', fields: fields([[3, 'answer', '(nil)']]) },
      { name: 'Barbara', fields: fields([[3, 'choice', 'OK']]) },
    ]);
    expect(tally.predictions).toEqual([
      {
        slug: 'stampede-lock',
        lessonTitle: 'Prevent a cache stampede with a lock',
        step: 3,
        question: expect.stringContaining('What will'),
        choices: [
          { choice: 'OK', count: 2 },
          { choice: '(nil)', count: 1 },
          { choice: '"locked"', count: 0 },
        ],
        decided: 3,
        right: 1,
        none: 1,
      },
    ]);
    expect(tally.solutions).toEqual([{ slug: 'stampede-lock', step: 3, names: ['Linus'] }]);
  });

  it('ignores progress fields, unknown lessons and steps without a question', () => {
    const tally = tallyClass([{ name: 'Ada', fields: { ...fields([[1, 'choice', 'OK']]), 'gone#1#choice': 'OK', xfetch: '{}' } }]);
    expect(tally).toEqual({ predictions: [], solutions: [] });
  });
});
