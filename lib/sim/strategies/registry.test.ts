import { describe, expect, it } from 'vitest';
import { BUILT_IN_IDS, DEFAULT_SETTINGS, STRATEGY_IDS } from '../settings';
import { STRATEGIES } from './registry';

describe('the strategy registry', () => {
  it('holds each strategy under its own id, and gives the settings its ids', () => {
    for (const id of STRATEGY_IDS) expect(STRATEGIES[id].id).toBe(id);
    // The settings' schema takes exactly the registry's ids: a new strategy needs no other list.
    expect(DEFAULT_SETTINGS.strategy in STRATEGIES).toBe(true);
    expect(BUILT_IN_IDS).not.toContain('custom');
    expect(STRATEGY_IDS).toEqual([...BUILT_IN_IDS, 'custom']);
  });

  it('each strategy declares its own knobs (settings that exist) and its starting cache', () => {
    for (const strategy of Object.values(STRATEGIES)) {
      for (const knob of strategy.knobs) expect(DEFAULT_SETTINGS, `${strategy.id}: ${knob}`).toHaveProperty(knob);
      expect(['missing', 'stale', 'fresh']).toContain(strategy.initialCache);
    }
    expect(STRATEGIES['lock-safe'].knobs).toContain('watchdog');
    expect(STRATEGIES.none.knobs).toEqual([]);
  });
});
