'use client';

import { LanesCanvas } from '@/components/race/LanesCanvas';
import { KeysAtPlayhead } from '@/components/race/KeysAtPlayhead';
import { Legend } from '@/components/race/Legend';
import { PlayerControls } from '@/components/race/PlayerControls';
import raceStyles from '@/components/race/Race.module.css';
import { SummaryPanel } from '@/components/race/SummaryPanel';
import { useRaceStage } from '@/components/race/useRaceStage';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { useAppStore } from '@/lib/stores';
import { useClassRace, type Seat } from './useClassRace';
import styles from './Workshop.module.css';

function seatText(seat: Seat): string {
  switch (seat.state) {
    case 'joining':
      return 'Stepping into the race…';
    case 'racing':
      return `You are client #${seat.client}: your browser asked for the cache key the moment it heard the race start. Find your name among the lanes.`;
    case 'watching':
      return seat.note ? `You are watching: ${seat.note}` : 'You are watching the class race.';
    case 'refused':
      return seat.message;
  }
}

/** The class race as everyone in the room sees it: each participant's lane, named, filling in live. */
export function ClassRace({ raceId }: { raceId: string }) {
  const seat = useClassRace(raceId);
  const races = useAppStore((state) => state.races);
  const { live, timelines, tracks, loads, span, replay } = useRaceStage(races);
  const race = races[0];
  return (
    <section className={raceStyles.stage} aria-label="Race" aria-busy={live}>
      <p role="status" className={seat.state === 'refused' ? styles.error : styles.message} data-testid="race-seat">
        {seatText(seat)}
      </p>
      {race && (
        <>
          <div className={raceStyles.toolbar}>
            <PlayerControls replay={replay} duration={span} disabled={live} />
          </div>
          <Legend />
          {race.error ? (
            <p className={raceStyles.error} role="alert">
              {race.error}
            </p>
          ) : (
            <>
              {/* The room's cache and lock keys, as on the race page: the class sees its lock taken and released. */}
              <KeysAtPlayhead tracks={tracks[0]!} playhead={replay.playhead} />
              <LanesCanvas
                label={`Class race · ${STRATEGIES[race.settings.strategy].label}`}
                timeline={timelines[0]!}
                laneLabels={race.labels}
                playhead={replay.playhead}
                span={span}
                tracks={tracks[0]}
                load={loads[0]}
              />
            </>
          )}
          <SummaryPanel races={races} />
        </>
      )}
    </section>
  );
}
