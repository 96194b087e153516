'use client';

import { useAppStore } from '@/lib/stores';
import styles from './HealthBanner.module.css';
import { useHealthPolling } from './useHealthPolling';

const MESSAGES = {
  down: 'Redis is not reachable right now. Your commands will work again as soon as it is back.',
  unreachable: 'The Stampede Lab server is not answering. This page reconnects by itself once it is back.',
} as const;

/** Shows a banner while Redis (or the app server) is down; it clears itself on recovery. */
export function HealthBanner() {
  useHealthPolling();
  const { redis, version } = useAppStore((state) => state.health);
  if (redis === 'down' || redis === 'unreachable') {
    return (
      <div role="alert" className={styles.banner} data-testid="health-banner">
        {MESSAGES[redis]}
      </div>
    );
  }
  if (redis === 'up') {
    return (
      <span className={styles.connected}>
        <span className={styles.dot} aria-hidden="true" />
        {version ? `Redis ${version}` : 'Redis connected'}
      </span>
    );
  }
  return null;
}
