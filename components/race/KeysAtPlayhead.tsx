'use client';

import { keyAt, type KeyAt, type KeyTrack } from '@/lib/sim/keyTracks';
import styles from './KeysAtPlayhead.module.css';
import { TRACK_COLORS } from './keyTrackDraw';

const MARKS_SHOWN = 4;

function stateText(track: KeyTrack, at: KeyAt): string {
  if (track.role === 'lock') return at.state === 'held' ? `held by client #${at.holder ?? '?'}` : 'free';
  return at.state === 'missing' ? 'missing' : at.stale ? 'stale value' : 'fresh value';
}

const ttlText = (ms: number) => (ms < 10_000 ? `${ms.toLocaleString('en')} ms` : `${(ms / 1000).toFixed(1)} s`);

/**
 * Time travel: the race's keys as they were at the playhead, their TTL counting down as the replay
 * plays (at the replay's speed), and what the lock went through up to there.
 */
export function KeysAtPlayhead({ tracks, playhead }: { tracks: readonly KeyTrack[]; playhead: number }) {
  if (tracks.length === 0) return null;
  const marks = tracks.flatMap((track) => track.marks).filter((mark) => mark.t <= playhead);
  return (
    <div className={styles.keys}>
      <ul className={styles.list} aria-label="Race keys at the playhead">
        {tracks.map((track) => {
          const at = keyAt(track, playhead);
          const color = at.state === 'held' ? TRACK_COLORS.held : at.stale ? TRACK_COLORS.stale : TRACK_COLORS.fresh;
          return (
            <li
              key={track.key}
              className={styles.key}
              data-testid="key-at-playhead"
              data-key={track.key}
              data-role={track.role}
              data-state={at.state}
              data-ttl-ms={at.ttlMs}
            >
              <span className={styles.role} data-role={track.role}>
                {track.role}
              </span>
              <code className={styles.name}>{track.key}</code>
              <span className={styles.state}>{stateText(track, at)}</span>
              <span className={styles.ttl}>
                {at.ttlMs === undefined ? (at.state === 'missing' || at.state === 'free' ? '' : 'no expiry') : `TTL ${ttlText(at.ttlMs)}`}
              </span>
              <span className={styles.bar} aria-hidden="true">
                <span style={{ width: `${Math.min(100, ((at.ttlMs ?? 0) / track.maxTtlMs) * 100)}%`, background: color }} />
              </span>
            </li>
          );
        })}
      </ul>
      {marks.length > 0 && (
        <ul className={styles.marks} aria-label="What the lock went through">
          {marks.slice(-MARKS_SHOWN).map((mark, i) => (
            <li key={i} data-kind={mark.kind}>
              {(mark.t / 1000).toFixed(3)} s · {mark.text}
            </li>
          ))}
          {marks.length > MARKS_SHOWN && <li>and {marks.length - MARKS_SHOWN} earlier</li>}
        </ul>
      )}
    </div>
  );
}
