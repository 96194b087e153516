'use client';

import { useMemo } from 'react';
import { keyTracks } from '@/lib/sim/keyTracks';
import { raceLabel } from '@/lib/sim/comparison';
import type { RaceRun } from '@/lib/stores';
import { CompareChart } from './CompareChart';
import { overlapCause, startDifference } from './explain';
import { FIGURES, formatFigure } from './figures';
import styles from './Race.module.css';

/** The figures of the race and, side by side, of its comparison. */
export function SummaryPanel({ races }: { races: RaceRun[] }) {
  const shown = useMemo(() => races.filter((race) => race.summary), [races]);
  // Each overlap is explained by what happened in its own race: no lock, a process boundary, a lock that expired, a fault.
  const notes = useMemo(() => {
    const causes = shown.map((race) =>
      overlapCause({
        settings: race.settings,
        summary: race.summary!,
        events: race.events,
        tracks: keyTracks(race.keyEvents, race.events, { settings: race.settings, initialExpiryAtMs: race.summary!.initialExpiryAtMs }),
      }),
    );
    const start = shown.length === 2 ? startDifference(shown[0]!.settings, shown[1]!.settings) : null;
    return [...causes, start].filter((note): note is string => note !== null);
  }, [shown]);
  if (shown.length === 0) return null;
  return (
    <section className={styles.summary} data-testid="race-summary" aria-label="Race summary">
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {shown.map((race, i) => (
              <th scope="col" key={i}>
                {raceLabel(race.settings)}
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
      {notes.map((note) => (
        <p key={note} className={styles.warning} role="note">
          {note}
        </p>
      ))}
    </section>
  );
}
