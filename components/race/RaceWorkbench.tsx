'use client';

import { useEffect } from 'react';
import { raceLabel } from '@/lib/sim/comparison';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { useAppStore } from '@/lib/stores';
import { CustomScripts } from './CustomScripts';
import { explainLookFor } from './explain';
import { FaultBar } from './FaultBar';
import { KeysAtPlayhead } from './KeysAtPlayhead';
import { LanesCanvas } from './LanesCanvas';
import { Legend } from './Legend';
import { PlayerControls } from './PlayerControls';
import { RacePrediction } from './RacePrediction';
import styles from './Race.module.css';
import stage from './Stage.module.css';
import { ShareLink } from './ShareLink';
import type { SharedRace } from './shareLink';
import { SettingsForm } from './SettingsForm';
import { SummaryPanel } from './SummaryPanel';
import { useRaceRunner } from './useRaceRunner';
import { useRaceStage } from './useRaceStage';

/** The race page's client side: settings, the lanes with their replay, faults and the summary. */
export function RaceWorkbench({ initial, question }: { initial: SharedRace; question?: string }) {
  useEffect(() => {
    // Applied after mount: on the server the store is shared by every request.
    const { setRaceSettings, setCompareWith } = useAppStore.getState();
    setRaceSettings(initial.settings);
    setCompareWith(initial.compareWith);
  }, [initial]);

  const races = useAppStore((state) => state.races);
  const runRace = useRaceRunner();
  const { live, timelines, tracks, loads, span, replay } = useRaceStage(races);
  const running = races.find((race) => race.status === 'running');

  const start = () => {
    replay.reset();
    void runRace();
  };

  return (
    <div className={styles.workbench}>
      <SettingsForm busy={live} onRun={start} />
      <section className={styles.stage} aria-label="Race" aria-busy={live}>
        <CustomScripts />
        {question && <RacePrediction question={question} strategyLabel={STRATEGIES[initial.settings.strategy].label} race={races[0]} />}
        <div className={styles.toolbar}>
          <PlayerControls replay={replay} duration={span} disabled={live || races.length === 0} />
          <ShareLink />
        </div>
        <FaultBar raceId={running?.id ?? null} running={Boolean(running)} />
        {races.length === 0 ? (
          <p className={styles.empty}>
            Pick how many clients rush the expired key and how they are protected, then <strong>Run race</strong>. Every GET, SET NX and DEL goes to the real
            Redis, on keys of the race’s own (<code>race:…:cache</code>, <code>race:…:lock</code>), so your lesson’s keys stay as they are.
          </p>
        ) : (
          <>
            <p className={stage.lookFor}>{explainLookFor(races[0]!.settings)}</p>
            <Legend manyKeys={races.some((race) => race.settings.keys > 1)} />
            {races.map((race, i) =>
              race.error ? (
                <p key={i} className={styles.error} role="alert">
                  {race.error}
                </p>
              ) : (
                <div key={i}>
                  <KeysAtPlayhead tracks={tracks[i]!} playhead={replay.playhead} />
                  <LanesCanvas
                    label={raceLabel(race.settings)}
                    timeline={timelines[i]!}
                    laneLabels={race.labels}
                    playhead={replay.playhead}
                    span={span}
                    tracks={tracks[i]}
                    load={loads[i]}
                  />
                </div>
              ),
            )}
          </>
        )}
        <SummaryPanel races={races} />
      </section>
    </div>
  );
}
