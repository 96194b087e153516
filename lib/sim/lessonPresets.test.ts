import { describe, expect, it } from 'vitest';
import { LESSONS } from '@/lib/lessons/registry';
import { LESSON_PRESETS, lessonRace } from './lessonPresets';
import { comparedSettings } from './comparison';
import { settingsSchema } from './settings';

describe('the races lessons bridge to', () => {
  it('are keyed by real lesson slugs, and each is a race the API accepts, compared with a race that differs', () => {
    const slugs = LESSONS.map((lesson) => lesson.slug);
    for (const slug of Object.keys(LESSON_PRESETS)) {
      expect(slugs).toContain(slug);
      const { settings, compareWith } = lessonRace(slug);
      expect(settingsSchema.parse(settings)).toEqual(settings);
      expect(comparedSettings(settings, compareWith)).not.toBeNull();
    }
  });

  it('bridges the many-keys lesson to a race over many keys, with TTL jitter against the same race without', () => {
    const { settings, compareWith } = lessonRace('many-keys');
    expect(settings.keys).toBeGreaterThan(1);
    expect(settings.ttlJitterMs).toBeGreaterThan(0);
    expect(comparedSettings(settings, compareWith)).toEqual({ ...settings, ttlJitterMs: 0 });
  });

  it('opens the plain stampede for a lesson without a race of its own', () => {
    expect(lessonRace('a-lesson-added-later')).toEqual(lessonRace('stampede-lock'));
    expect(lessonRace('stampede-lock')).toMatchObject({ settings: { strategy: 'lock-poll', clients: 1_000 }, compareWith: 'none' });
  });
});
