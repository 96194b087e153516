import type { Race } from './engine';
import { percentile } from './recorder';
import type { Summary } from './types';

const r2 = (ms: number) => Math.round(ms * 100) / 100;

export function summarize(race: Race): Summary {
  const { latencies, served, servedStale, failures } = race.clientRuns;
  const sorted = [...latencies].sort((a, b) => a - b);
  const { clients } = race;
  return {
    clients,
    served,
    servedStale,
    failures,
    regenerations: race.backend.calls,
    overlappingRegenerations: race.backend.overlaps,
    peakBackendConcurrency: race.backend.peak,
    redisCommands: race.commands,
    redisCommandsPer10ms: race.commandRate.read(),
    commandsPerClient: clients === 0 ? 0 : r2(race.commands / clients),
    latencyMs: { p50: r2(percentile(sorted, 50)), p95: r2(percentile(sorted, 95)), p99: r2(percentile(sorted, 99)), max: r2(sorted.at(-1) ?? 0) },
    durationMs: r2(race.endedAt ?? race.elapsed()),
    firstRegenerationAtMs: race.firstRegenerationAt === null ? null : r2(race.firstRegenerationAt),
    initialExpiryAtMs: race.initialExpiryAt(),
    // Past either cap (client events, key events) the replay shows only part of the race.
    eventsTruncated: race.recorder.truncated || race.keyLog.truncated,
  };
}
