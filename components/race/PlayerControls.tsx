'use client';

import styles from './Race.module.css';
import { SPEEDS, type useReplay } from './useReplay';

type Replay = ReturnType<typeof useReplay>;

/** Play, pause, step and scrub over a finished race. */
export function PlayerControls({ replay, duration, disabled }: { replay: Replay; duration: number; disabled: boolean }) {
  return (
    <div className={styles.player} role="group" aria-label="Replay">
      {replay.playing ? (
        <button type="button" className={styles.button} onClick={replay.pause}>
          Pause
        </button>
      ) : (
        <button type="button" className={styles.button} onClick={replay.play} disabled={disabled}>
          Play
        </button>
      )}
      <button type="button" className={styles.button} onClick={replay.step} disabled={disabled}>
        Step
      </button>
      <label className={styles.inline}>
        Speed
        <select value={replay.speed} onChange={(e) => replay.setSpeed(Number(e.target.value))} disabled={disabled}>
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <input
        type="range"
        className={styles.scrubber}
        aria-label="Time in the race"
        min={0}
        max={Math.max(duration, 1)}
        step={0.1}
        value={replay.playhead}
        onChange={(e) => replay.seek(Number(e.target.value))}
        disabled={disabled}
      />
      <output className={styles.clock}>
        {replay.playhead.toFixed(0)} / {duration.toFixed(0)} ms
      </output>
    </div>
  );
}
