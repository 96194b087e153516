import { COLORS } from './draw';
import styles from './Race.module.css';

const ITEMS: [keyof typeof COLORS, string][] = [
  ['waiting', 'waiting'],
  ['lock', 'holds the lock'],
  ['backend', 'calling the backend'],
  ['fresh', 'served fresh'],
  ['stale', 'served stale'],
  ['failed', 'failed'],
];

export function Legend({ manyKeys = false }: { manyKeys?: boolean }) {
  return (
    <ul className={styles.legendList} aria-label="Legend">
      {ITEMS.map(([color, label]) => (
        <li key={color}>
          <span className={styles.swatch} style={{ background: COLORS[color] }} aria-hidden="true" />
          {label}
        </li>
      ))}
      <li>calls: backend calls in flight (dashed line: its capacity)</li>
      <li>latency: each backend call, queueing included, where it ended (red: failed; dashed line: the timeout)</li>
      {manyKeys && <li>rebuilds: backend calls begun per 100 ms</li>}
      <li>cmds: Redis commands per 10 ms</li>
    </ul>
  );
}
