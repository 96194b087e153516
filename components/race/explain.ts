import type { KeyTrack } from '@/lib/sim/keyTracks';
import type { SimSettings, StrategyId } from '@/lib/sim/settings';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import type { SimEvent, Summary } from '@/lib/sim/types';

/** What one race's figures and lanes rest on, for explaining them. */
export interface Explained {
  settings: SimSettings;
  summary: Summary;
  events: readonly SimEvent[];
  tracks: readonly KeyTrack[];
}

const ms = (n: number) => `${n.toLocaleString('en')} ms`;

/** Why regenerations overlapped in this race, from what happened in it; null when none did. */
export function overlapCause({ settings, summary, events, tracks }: Explained): string | null {
  const n = summary.overlappingRegenerations;
  if (n === 0) return null;
  const label = STRATEGIES[settings.strategy].label;
  const faults = new Set(events.filter((e) => e.type === 'fault').map((e) => e.detail));
  switch (settings.strategy) {
    case 'none':
      return `${label} has no lock: every client that missed called the backend itself, up to ${summary.peakBackendConcurrency.toLocaleString('en')} at once.`;
    case 'coalesce':
      return `${label}: coalescing stops at the process boundary, so each of the ${settings.instances} app processes made its own call.`;
    case 'xfetch':
      return `${label} takes no lock: readers that drew an early refresh at about the same moment each recomputed.`;
  }
  if (faults.has('Restart Redis (simulated)'))
    return `${label}: the simulated Redis restart wiped the lock, so another client took it while the first was still regenerating.`;
  if (faults.has('Slow the backend'))
    return `${label}: the slowed backend took longer than the lock TTL (${ms(settings.lockTtlMs)}), so the lock expired under its holder and another client took it.`;
  if (tracks.some((track) => track.marks.some((mark) => mark.kind === 'expired-under-holder'))) {
    return `${label}: the lock TTL (${ms(settings.lockTtlMs)}) ran out before the regeneration finished, so the lock expired under its holder and another client took it.`;
  }
  return `${label}: ${n.toLocaleString('en')} regenerations overlapped while another was still running.`;
}

const startOf = (settings: SimSettings) => (settings.initialCache === 'auto' ? STRATEGIES[settings.strategy].initialCache : settings.initialCache);

/** Said plainly when a comparison's two races started from different caches, and why. */
export function startDifference(a: SimSettings, b: SimSettings): string | null {
  const [from, to] = [startOf(a), startOf(b)];
  if (from === to) return null;
  return `${STRATEGIES[a.strategy].label} started from a ${from} cache and ${STRATEGIES[b.strategy].label} from a ${to} one: each strategy's textbook case. Set “Cache at start” to race both from the same state.`;
}

const LOOK_FOR: Record<StrategyId, string> = {
  none: 'Look for: every lane turning orange at once (each client calls the backend), and the backend queue making the last ones wait or fail.',
  'lock-poll':
    'Look for: one lane holding the lock (violet) while the others wait; on the lock track, whether it expires under its holder and a DEL removes another client’s lock.',
  'lock-safe': 'Look for: one lane holding the lock while the others poll; a release refused (green mark) where plain DEL would have stolen the lock.',
  'lock-notify': 'Look for: waiters that make no further commands until the holder’s notice, and all of them served at the same moment.',
  swr: 'Look for: every client served the stale value at once (amber cache track) while one refreshes in the background.',
  xfetch: 'Look for: a refresh before the cache track runs out, so nobody finds it missing.',
  coalesce: 'Look for: one backend call per app process, not one per client.',
  custom: 'Look for: how many lanes your read script sends to the backend (orange), and whether your lock keeps it to one.',
};

const MANY_KEYS_LOOK_FOR =
  'Look for: the rebuilds strip and the calls under the lanes. Keys written together with one TTL expire in the same instant, so their rebuilds queue past the backend’s capacity (dashed line) and latency climbs; TTL jitter spreads them out.';

/** A short “what to look for” caption above the lanes. */
export const explainLookFor = (settings: Pick<SimSettings, 'strategy' | 'keys'>) => (settings.keys > 1 ? MANY_KEYS_LOOK_FOR : LOOK_FOR[settings.strategy]);
