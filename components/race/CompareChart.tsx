'use client';

import { raceLabel } from '@/lib/sim/comparison';
import type { RaceRun } from '@/lib/stores';
import { CHARTED, FIGURES, formatFigure } from './figures';
import styles from './Race.module.css';

const SERIES = ['#c2410c', '#1d4ed8'];

/** One pair of bars per figure, each pair scaled to its larger value. */
export function CompareChart({ races }: { races: RaceRun[] }) {
  const figures = FIGURES.filter((f) => CHARTED.includes(f.key));
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.legend}>
        {races.map((race, i) => (
          <span key={i}>
            <span className={styles.swatch} style={{ background: SERIES[i] }} aria-hidden="true" />
            {raceLabel(race.settings)}
          </span>
        ))}
      </figcaption>
      <div className={styles.bars} role="list">
        {figures.map((figure) => {
          const values = races.map((race) => figure.value(race.summary!));
          const max = Math.max(...values, 1e-9);
          return (
            <div key={figure.key} className={styles.barGroup} role="listitem">
              <span className={styles.barLabel}>{figure.label}</span>
              {values.map((value, i) => (
                <span key={i} className={styles.barRow}>
                  <span className={styles.bar} style={{ width: `${Math.max(0.5, (value / max) * 100)}%`, background: SERIES[i] }} />
                  <span className={styles.barValue}>{formatFigure(value, figure.unit)}</span>
                </span>
              ))}
            </div>
          );
        })}
      </div>
    </figure>
  );
}
