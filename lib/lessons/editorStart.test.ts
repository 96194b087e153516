import { describe, expect, it } from 'vitest';
import { BLANK_SCRIPT, goalComment, isUntouchedStart, partialAnswer } from './editorStart';
import { lessonBySlug, lessonView } from './registry';

const seed = lessonView(lessonBySlug('stampede-lock')!);

describe('the editor at the start of a step', () => {
  it('holds the goal as a comment, and no command', () => {
    const start = goalComment(seed.steps[2]!, 3, 4);
    expect(start).toMatch(/^# Goal \(step 3 of 4\):\n# as a second client, read cache:data/);
    const lines = start.split('\n').filter((line) => line !== '');
    expect(lines.every((line) => line.startsWith('#') && line.length <= 60)).toBe(true);
    expect(
      lines
        .slice(1)
        .map((line) => line.slice(2))
        .join(' '),
    ).toBe(seed.steps[2]!.goal);
  });

  it.each([
    ['an editor the learner cleared', '', false],
    [
      'the lesson script a returning browser kept from before',
      '# Prevent a cache stampede with a lock\nSET cache:data "initial value"\nSET cache:lock "locked"\nGET cache:data\nSET cache:lock "locked" NX PX 30000\nDEL cache:lock\n',
      true,
    ],
    ["the first visit's comment", BLANK_SCRIPT, true],
    ["another step's goal", goalComment(seed.steps[0]!, 1, 4), true],
    ['a command the learner typed', 'SET cache:data "initial value"', false],
    ["a goal with the learner's line below it", `${goalComment(seed.steps[0]!, 1, 4)}SET cache:data x`, false],
    ['a comment the learner wrote', '# my own note\n', false],
  ])('may replace %s: %s', (_name, script, replaceable) => {
    expect(isUntouchedStart(script)).toBe(replaceable);
  });
});

describe('the middle rung of the help ladder', () => {
  it.each([
    ['SET cache:lock "locked" NX PX 30000', 'SET cache:lock …'],
    ['GET cache:data\nSET cache:lock "locked" NX PX 30000', 'GET cache:data\nSET cache:lock …'],
    ['DEL cache:lock', 'DEL cache:lock'],
    [`EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end" 1 order:lock 5f2c9e71`, 'EVAL "<the script from the step>" 1 order:lock …'],
  ])('%s → %s', (solution, partial) => {
    expect(partialAnswer(solution)).toBe(partial);
  });
});
