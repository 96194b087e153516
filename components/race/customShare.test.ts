import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/sim/settings';
import { CUSTOM_TEMPLATES, DEFAULT_CUSTOM } from '@/lib/sim/strategies/customTemplates';
import { parseShared, shareQuery } from './shareLink';

describe('share links of a custom strategy', () => {
  it('carry both scripts, and read them back', () => {
    const race = {
      settings: { ...DEFAULT_SETTINGS, clients: 1_000, strategy: 'custom' as const, custom: CUSTOM_TEMPLATES.none },
      compareWith: 'lock-safe' as const,
    };
    const query = shareQuery(race);
    expect(new URLSearchParams(query).get('read')).toBe(CUSTOM_TEMPLATES.none.read);
    expect(parseShared(Object.fromEntries(new URLSearchParams(query)))).toEqual(race);
  });

  it('carry the scripts when only the comparison is custom', () => {
    const race = { settings: { ...DEFAULT_SETTINGS, custom: CUSTOM_TEMPLATES.swr }, compareWith: 'custom' as const };
    expect(parseShared(Object.fromEntries(new URLSearchParams(shareQuery(race))))).toEqual(race);
  });

  it('leave the scripts out of a race without a custom strategy', () => {
    expect(shareQuery({ settings: { ...DEFAULT_SETTINGS, custom: CUSTOM_TEMPLATES.swr }, compareWith: null })).toBe('seed=1');
  });

  it('open a custom race without scripts on the default template', () => {
    expect(parseShared({ strategy: 'custom' }).settings.custom).toEqual(DEFAULT_CUSTOM);
  });
});
