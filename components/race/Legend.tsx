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

export function Legend() {
  return (
    <ul className={styles.legendList} aria-label="Legend">
      {ITEMS.map(([color, label]) => (
        <li key={color}>
          <span className={styles.swatch} style={{ background: COLORS[color] }} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
