import { describe, expect, it } from 'vitest';
import { explanationFor, isCorrect, newAnswers, predictionProblem, sameAnswer } from './predictions';
import { LESSONS, lessonBySlug, lessonView } from './registry';
import { hash, snapshot, str } from './testSnapshot';
import type { Lesson, LessonSnapshot } from './types';

const lesson = (slug: string) => lessonBySlug(slug)!;
/** Redis's answer as a step's prediction reads it from a snapshot. */
const observed = (slug: string, step: number, s: LessonSnapshot) => lesson(slug).steps[step - 1]!.prediction!.observe(s);

describe('every lesson', () => {
  it.each(LESSONS.map((l) => [l.slug, l] as [string, Lesson]))('%s asks for at least one prediction, and explains each choice', (_slug, l) => {
    const asked = l.steps.flatMap((s) => (s.prediction ? [s.prediction] : []));
    expect(asked.length).toBeGreaterThanOrEqual(1);
    for (const p of asked) {
      expect(p.choices.length).toBeGreaterThanOrEqual(2);
      for (const choice of p.choices.slice(0, 2)) expect(explanationFor(p, choice)).not.toBe('');
      expect(p.explain.other).toBeTruthy();
    }
  });

  it.each(LESSONS.map((l) => [l.slug, l] as [string, Lesson]))("%s: no goal gives away its step's solution", (_slug, l) => {
    for (const step of l.steps) for (const line of step.solution.split('\n')) expect(step.goal).not.toContain(line);
  });

  it('sends the browser the questions, never the function that finds the answer', () => {
    const view = lessonView(lesson('stampede-lock'));
    expect(view.steps[2]!.prediction).toEqual({ question: expect.any(String), choices: ['OK', '(nil)', '"locked"'], explain: expect.any(Object) });
    expect(JSON.parse(JSON.stringify(view)).steps[2].prediction).not.toHaveProperty('observe');
  });
});

describe('judging a prediction', () => {
  it('compares replies as redis-cli prints them, one line or several', () => {
    expect(sameAnswer('1) "page:released" 2) "done"', '1) "page:released"\n2) "done"')).toBe(true);
    expect(sameAnswer('(nil)', 'OK')).toBe(false);
    expect(isCorrect({ step: 3, choice: '(nil)', answer: '(nil)' })).toBe(true);
    expect(isCorrect({ step: 3, choice: null, answer: '(nil)' })).toBe(false);
    expect(isCorrect({ step: 3, choice: '(nil)' })).toBe(false);
  });

  it('explains the answer Redis gave, or any other answer', () => {
    const p = lesson('stampede-lock').steps[2]!.prediction!;
    expect(explanationFor(p, '(nil)')).toMatch(/still held/);
    expect(explanationFor(p, 'OK')).toMatch(/was free/);
    expect(explanationFor(p, '(error) ERR syntax error')).toBe(p.explain.other);
  });

  it('takes only the choices offered, on steps that ask', () => {
    const seed = lesson('stampede-lock');
    expect(predictionProblem(seed, 3, '(nil)')).toBeUndefined();
    expect(predictionProblem(seed, 3, 'maybe')).toMatch(/"maybe" is not one of the answers.*OK, \(nil\)/);
    expect(predictionProblem(seed, 1, 'OK')).toMatch(/Step 1 .* asks for no prediction/);
    expect(predictionProblem(seed, 9, 'OK')).toMatch(/Step 9/);
  });

  it('judges a step only once the learner has reached it, and only once', () => {
    const seed = lesson('stampede-lock');
    const ran = snapshot({}, [['SET cache:lock "locked" NX PX 30000', 'OK']]);
    expect(newAnswers(seed, 0, ran, new Set())).toEqual([]);
    expect(newAnswers(seed, 2, ran, new Set())).toEqual([{ step: 3, answer: 'OK' }]);
    expect(newAnswers(seed, 4, ran, new Set([3]))).toEqual([]);
  });
});

describe('the decisive command of each prediction', () => {
  it('seed step 3: the first exact lock attempt, not a near miss', () => {
    const log: [string, string][] = [
      ['SET cache:lock "locked" NX EX 30', '(nil)'],
      ['SET cache:lock "locked" NX PX 30000', '(nil)'],
      ['SET cache:lock "locked" NX PX 30000', 'OK'],
    ];
    expect(observed('stampede-lock', 3, snapshot({}, log))).toBe('(nil)');
    expect(observed('stampede-lock', 3, snapshot({}, log.slice(0, 1)))).toBeUndefined();
  });

  it("lock expiry: worker 2's first NX attempt", () => {
    expect(
      observed(
        'lock-expiry',
        2,
        snapshot({}, [
          ['SET report:lock worker-1 NX PX 2000', 'OK'],
          ['SET report:lock worker-2 NX PX 10000', 'OK'],
        ]),
      ),
    ).toBe('OK');
    expect(observed('lock-expiry', 2, snapshot({}, [['SET report:lock worker-1 NX PX 2000', 'OK']]))).toBeUndefined();
  });

  it('safe release: the first compare-and-delete', () => {
    const script = `EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end" 1 order:lock not-my-token`;
    expect(observed('safe-release', 2, snapshot({}, [[script, '(integer) 0']]))).toBe('(integer) 0');
  });

  it('waiting well: the pop after the announcement was received', () => {
    const got = ['BLPOP page:released 5', '1) "page:released"\n2) "done"'] as [string, string];
    expect(observed('waiting-well', 3, snapshot({}, [got]))).toBeUndefined();
    expect(observed('waiting-well', 3, snapshot({}, [got, ['BLPOP page:released 1', '(nil)']]))).toBe('(nil)');
  });

  it('stale-while-revalidate: the first read of the hash', () => {
    const reply = '1) "value"\n2) "v1"\n3) "fresh_until"\n4) "1"';
    const s = snapshot({ 'product:42': hash({ value: 'v1', fresh_until: '1' }, 3_600_000) }, [['HGETALL product:42', reply]]);
    expect(sameAnswer(observed('stale-while-revalidate', 2, s)!, lesson('stale-while-revalidate').steps[1]!.prediction!.choices[1]!)).toBe(true);
  });

  it('xfetch: the first decision', () => {
    const decide = `EVAL "local h = redis.call('HMGET', KEYS[1], 'delta', 'expiry') if now - h[1] * ARGV[1] * math.log(ARGV[2]) >= tonumber(h[2]) then return 1 else return 0 end" 1 feed:home 1 0.5`;
    expect(observed('xfetch', 2, snapshot({}, [[decide, '(integer) 0']]))).toBe('(integer) 0');
  });

  it('fencing: the first write with a token older than one already written', () => {
    const write = (token: number) =>
      `EVAL "local last = tonumber(redis.call('HGET', KEYS[1], 'token') or '0') if tonumber(ARGV[1]) > last then return 1 end return 0" 1 job:result ${token} "v"`;
    expect(observed('fencing-tokens', 3, snapshot({ 'job:fence': str('2') }, [[write(2), '(integer) 1']]))).toBeUndefined();
    expect(
      observed(
        'fencing-tokens',
        3,
        snapshot({}, [
          [write(2), '(integer) 1'],
          [write(1), '(integer) 0'],
        ]),
      ),
    ).toBe('(integer) 0');
  });
});
