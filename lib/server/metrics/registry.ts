import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { processGlobal } from '../processGlobal';

/**
 * The metrics this process counts, in one prom-client registry. Next's bundle and the server's own
 * code hold separate copies of this module in one process, and hot reload makes more: the registry
 * lives on globalThis so that every copy counts into the one GET /metrics reads.
 */
function build() {
  const registry = new Registry();
  const registers = [registry];
  // The process's CPU, memory, event-loop delay and handles, under the same prefix.
  collectDefaultMetrics({ register: registry, prefix: 'stampede_' });
  return {
    registry,
    commands: new Counter({ name: 'stampede_commands_total', help: 'Learner commands sent to Redis (a refused line is not sent).', registers }),
    refused: new Counter({
      name: 'stampede_commands_refused_total',
      help: 'Learner commands the playground refused, by reason (a closed ACL category such as admin, keys, quota, run-budget, rate-limit, …).',
      labelNames: ['reason'] as const,
      registers,
    }),
    commandSeconds: new Histogram({
      name: 'stampede_command_duration_seconds',
      help: 'How long each learner command took on Redis, as its console connection measured it.',
      buckets: [0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    streams: new Gauge({
      name: 'stampede_event_streams_open',
      help: 'Server-sent event streams open on this instance (keys panels, races, rooms).',
      registers,
    }),
    races: new Gauge({ name: 'stampede_races_running', help: 'Races running on this instance.', registers }),
    clientsRacing: new Gauge({ name: 'stampede_clients_racing', help: 'Clients in the races running on this instance, simulated and admitted.', registers }),
    reconnects: new Counter({
      name: 'stampede_redis_reconnects_total',
      help: 'Times one of the app’s Redis connections came back after it was lost, by connection.',
      labelNames: ['connection'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof build>;

export function metrics(): Metrics {
  return processGlobal('metrics', build);
}
