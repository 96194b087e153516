import { BackendFailure, type Backend } from './backend';
import { streamFor } from './random';
import type { SimSettings } from './settings';
import { Crashed, GaveUp, type ClientContext, type SimProcess } from './strategy';
import type { Clock, EventType, SimRedis } from './types';
import { encodeValue } from './value';

/** What the race lends each client: shared services plus hooks the faults reach into. */
export interface ClientServices {
  settings: SimSettings;
  redis: SimRedis;
  clock: Clock;
  backend: Backend;
  processes: SimProcess[];
  emit(client: number, type: EventType, detail?: string): void;
  background(work: Promise<unknown>): void;
  /** Resolves (with the crash) when the "crash the lock holder" fault picks this regeneration. */
  crashSignal(): { crashed: Promise<void>; done: () => void };
  onBackendStart(): void;
}

export function clientContext(id: number, started: number, s: ClientServices): ClientContext {
  const { settings, clock, backend } = s;
  const random = streamFor(settings.seed, id);
  const emit = (type: EventType, detail?: string) => s.emit(id, type, detail);
  return {
    id,
    process: s.processes[id % s.processes.length]!,
    settings,
    redis: s.redis,
    clock,
    random,
    backend,
    emit,
    background: s.background,
    checkDeadline() {
      if (clock.now() - started > settings.clientTimeoutMs) throw new GaveUp(settings.clientTimeoutMs);
    },
    async compute() {
      // Drawn before the call so that the draws do not depend on timing.
      const latency = backend.latency(random);
      const fails = backend.fails(random);
      const overlapping = backend.enter();
      s.onBackendStart();
      emit('backend-start', `${Math.round(latency)} ms`);
      if (overlapping) emit('overlap', `${backend.inFlight} regenerations at once`);
      const began = clock.now();
      const crash = s.crashSignal();
      try {
        const outcome = await Promise.race([clock.sleep(latency).then(() => 'ok' as const), crash.crashed.then(() => 'crash' as const)]);
        if (outcome === 'crash') {
          emit('crash', 'the lock is never released');
          throw new Crashed();
        }
        if (fails) {
          emit('backend-fail');
          throw new BackendFailure();
        }
        emit('backend-end');
      } finally {
        crash.done();
        backend.leave();
      }
      const delta = clock.now() - began;
      return encodeValue({ v: `computed by client ${id}`, soft: clock.epochMs() + settings.cacheTtlMs, delta });
    },
  };
}
