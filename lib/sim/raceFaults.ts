import type { Backend } from './backend';
import type { Crashes } from './crashes';
import { FAULT_LABELS, type FaultKind } from './faults';
import type { Recorder } from './recorder';
import type { SimSettings } from './settings';
import type { SimRedis } from './types';
import type { RaceKeys } from './value';

/** What a fault reaches into: the race's parts it breaks. */
export interface FaultTarget {
  settings: SimSettings;
  recorder: Recorder;
  crashes: Crashes;
  backend: Backend;
  redis: SimRedis;
  keySet: RaceKeys[];
  /** Every key name the race may write. */
  keyNames(): string[];
  restartRedis?: (keys: string[]) => Promise<void>;
}

/** Breaks a running race as the teacher asked, after logging the fault as the race's own event. */
export async function applyFault(target: FaultTarget, kind: FaultKind): Promise<void> {
  target.recorder.emit(-1, 'fault', FAULT_LABELS[kind].label);
  switch (kind) {
    case 'crash-holder':
      target.crashes.crashHolder();
      return;
    case 'slow-backend':
      target.backend.slowMs = target.settings.lockTtlMs * 2;
      return;
    case 'delete-key':
      await target.redis.del(...target.keySet.map((keys) => keys.data));
      return;
    case 'redis-restart':
      if (!target.restartRedis) throw new Error('This run cannot restart its Redis connections.');
      await target.restartRedis(target.keyNames());
  }
}
