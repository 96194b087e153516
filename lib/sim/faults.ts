import { z } from 'zod';

export const FAULT_KINDS = ['crash-holder', 'slow-backend', 'delete-key', 'redis-restart'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSchema = z.object({
  kind: z.enum(FAULT_KINDS, { error: `"kind" must be one of ${FAULT_KINDS.join(', ')}.` }),
});

export const FAULT_LABELS: Record<FaultKind, { label: string; explain: string }> = {
  'crash-holder': { label: 'Crash the lock holder', explain: 'The process regenerating the value dies; its lock is never released and must expire.' },
  'slow-backend': { label: 'Slow the backend', explain: 'From now on the backend takes twice the lock TTL, so the lock expires mid-regeneration.' },
  'delete-key': { label: 'Delete the cache key', explain: 'DEL cache:data, as an eviction or a careless operator would.' },
  'redis-restart': {
    label: 'Restart Redis (simulated)',
    explain: "Drops this run's connections and wipes its keys, as a restart without persistence would; the shared Redis itself keeps running.",
  },
};
