import { describe, expect, it } from 'vitest';
import { advance, sinceStart } from './progress';
import { LESSONS, lessonBySlug, lessonSummaries, lessonView, SEED_LESSON_SLUG } from './registry';
import { NOW, snapshot, str } from './testSnapshot';

const seed = lessonBySlug(SEED_LESSON_SLUG)!;
const fullRun: [string, string][] = [
  ['SET cache:data "initial value"', 'OK'],
  ['SET cache:lock "locked"', 'OK'],
  ['GET cache:data', '"initial value"'],
  ['SET cache:lock "locked" NX PX 30000', '(nil)'],
  ['DEL cache:lock', '(integer) 1'],
];

describe('advance', () => {
  it('completes every step the state satisfies, in order, in one run', () => {
    expect(advance(seed, 0, snapshot({ 'cache:data': str('initial value') }, fullRun))).toEqual({ slug: 'stampede-lock', completed: 4, total: 4 });
  });

  it('stops at the first step not done, with its specific hint', () => {
    const progress = advance(seed, 0, snapshot({}, [['SET cache:data initial value', '(error) ERR syntax error']]));
    expect(progress).toMatchObject({ completed: 0, hint: expect.stringMatching(/Without quotes/) });
  });

  it('never undoes a step that was done, though its key is gone now', () => {
    expect(advance(seed, 2, snapshot({}, []))).toMatchObject({ completed: 2 });
  });

  it('does not skip ahead: a later step that holds does not count before the earlier ones', () => {
    expect(advance(seed, 0, snapshot({}, fullRun.slice(2)))).toMatchObject({ completed: 0 });
  });

  it('clamps a stored count to the lesson', () => {
    expect(advance(seed, 9, snapshot({}))).toMatchObject({ completed: 4 });
  });
});

describe('sinceStart', () => {
  it('hides commands from before a reset', () => {
    const snap = snapshot({}, fullRun);
    expect(sinceStart(snap, NOW).log).toEqual([]);
    expect(sinceStart(snap, 0).log).toHaveLength(5);
  });
});

describe('registry', () => {
  it('has unique, URL-safe slugs and at least six advanced lessons', () => {
    const slugs = LESSONS.map((l) => l.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9-]+$/);
    expect(LESSONS.filter((l) => l.track === 'advanced').length).toBeGreaterThanOrEqual(6);
  });

  it('sends the browser no checks', () => {
    const view = lessonView(seed);
    expect(view.steps).toHaveLength(4);
    for (const step of view.steps) expect(step).not.toHaveProperty('check');
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('every step names its keys and has a hint and a solution', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        expect(step.keys.length, `${lesson.slug}: ${step.title}`).toBeGreaterThan(0);
        expect(step.hint && step.solution).toBeTruthy();
      }
    }
    expect(lessonSummaries()[0]).toEqual({ slug: 'stampede-lock', title: seed.title, summary: seed.summary, track: 'basics', steps: 4 });
  });
});
