'use client';

import { STRATEGIES } from '@/lib/sim/strategies/registry';
import type { RaceRun } from '@/lib/stores';
import { CompareChart } from './CompareChart';
import { FIGURES, formatFigure } from './figures';
import styles from './Race.module.css';

/** The figures of the race and, side by side, of its comparison. */
export function SummaryPanel({ races }: { races: RaceRun[] }) {
  const shown = races.filter((race) => race.summary);
  if (shown.length === 0) return null;
  return (
    <section className={styles.summary} data-testid="race-summary" aria-label="Race summary">
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {shown.map((race, i) => (
              <th scope="col" key={i}>
                {STRATEGIES[race.settings.strategy].label}
                {race.status === 'running' && <span className={styles.live}> live</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((figure) => (
            <tr key={figure.key}>
              <th scope="row">{figure.label}</th>
              {shown.map((race, i) => (
                <td key={i} data-testid={`figure-${figure.key}`}>
                  {formatFigure(figure.value(race.summary!), figure.unit)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 2 && <CompareChart races={shown} />}
      {shown.some((race) => race.summary!.overlappingRegenerations > 0) && (
        <p className={styles.warning} role="note">
          Regenerations overlapped: the backend took longer than the lock TTL, the lock expired, and another client took it.
        </p>
      )}
    </section>
  );
}
