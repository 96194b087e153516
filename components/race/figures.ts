import type { Summary } from '@/lib/sim/types';

/** The figures a summary shows, in order. */
export const FIGURES: { key: string; label: string; value: (s: Summary) => number; unit?: string }[] = [
  { key: 'regenerations', label: 'Regenerations', value: (s) => s.regenerations },
  { key: 'overlapping', label: 'Overlapping regenerations', value: (s) => s.overlappingRegenerations },
  { key: 'peak', label: 'Peak backend calls at once', value: (s) => s.peakBackendConcurrency },
  { key: 'commands', label: 'Redis commands', value: (s) => s.redisCommands },
  { key: 'per-client', label: 'Commands per client', value: (s) => s.commandsPerClient },
  { key: 'p50', label: 'Latency p50', value: (s) => s.latencyMs.p50, unit: 'ms' },
  { key: 'p95', label: 'Latency p95', value: (s) => s.latencyMs.p95, unit: 'ms' },
  { key: 'p99', label: 'Latency p99', value: (s) => s.latencyMs.p99, unit: 'ms' },
  { key: 'max', label: 'Latency max', value: (s) => s.latencyMs.max, unit: 'ms' },
  { key: 'served', label: 'Served', value: (s) => s.served },
  { key: 'stale', label: 'Served stale', value: (s) => s.servedStale },
  { key: 'failures', label: 'Failures', value: (s) => s.failures },
];

/** The ones worth a bar each when two strategies are compared. */
export const CHARTED = ['regenerations', 'per-client', 'p95', 'max', 'stale', 'failures'];

export function formatFigure(value: number, unit?: string): string {
  const text = Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 1 });
  return unit ? `${text} ${unit}` : text;
}
