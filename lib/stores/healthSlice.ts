import type { SliceCreator } from './types';

/**
 * `unknown` until the first check; `down` when the server says Redis is unreachable;
 * `unreachable` when the app server itself does not answer.
 */
export type RedisStatus = 'unknown' | 'up' | 'down' | 'unreachable';

export interface Health {
  redis: RedisStatus;
  version?: string;
}

export interface HealthSlice {
  health: Health;
  setHealth: (health: Health) => void;
}

export const createHealthSlice: SliceCreator<HealthSlice> = (set) => ({
  health: { redis: 'unknown' },
  setHealth: (health) => set({ health }),
});
