import { useEffect } from 'react';
import { useAppStore, type RedisStatus } from '@/lib/stores';
import { getHealth } from './api';

/** Quick checks while something is wrong so the banner clears soon after recovery; slow ones otherwise. */
const DELAY_MS: Record<RedisStatus, number> = { unknown: 0, up: 10_000, down: 2_000, unreachable: 2_000 };

/**
 * Polls `GET /api/health` for as long as the component is mounted. The loop restarts whenever the
 * status changes, including when a run learns first that Redis went down.
 */
export function useHealthPolling(): void {
  const redis = useAppStore((state) => state.health.redis);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const health = await getHealth();
      if (cancelled) return;
      useAppStore.getState().setHealth(health);
      // A changed status re-runs this effect with the new delay; an unchanged one keeps this loop.
      if (health.redis === redis) timer = setTimeout(tick, DELAY_MS[redis]);
    };
    timer = setTimeout(tick, DELAY_MS[redis]);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [redis]);
}
