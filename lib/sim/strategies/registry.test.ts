import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, STRATEGY_IDS } from '../settings';
import { STRATEGIES } from './registry';

describe('the strategy registry', () => {
  it('holds one strategy per id, under its own id', () => {
    expect(Object.keys(STRATEGIES).sort()).toEqual([...STRATEGY_IDS].sort());
    for (const id of STRATEGY_IDS) expect(STRATEGIES[id].id).toBe(id);
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
