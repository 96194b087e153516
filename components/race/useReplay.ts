'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export const SPEEDS = [0.1, 0.25, 0.5, 1] as const;

/** The first index whose time is after `t`. */
function nextIndex(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t + 0.005) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The playhead over a race, in race milliseconds. While a race is live it sits on the newest
 * event; `null` means "at the end", which is also where a finished race opens.
 */
export function useReplay(duration: number, live: boolean, times: Float64Array) {
  const [position, setPosition] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(0.25);
  const current = useRef(0);
  const playhead = live || position === null ? duration : Math.min(position, duration);

  useEffect(() => {
    current.current = playhead;
  }, [playhead]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = 0;
    const tick = (now: number) => {
      const next = Math.min(duration, current.current + (now - last) * speed);
      last = now;
      current.current = next;
      setPosition(next);
      if (next >= duration) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, duration]);

  const play = useCallback(() => {
    if (current.current >= duration) {
      current.current = 0;
      setPosition(0);
    }
    setPlaying(true);
  }, [duration]);
  const pause = useCallback(() => setPlaying(false), []);
  const step = useCallback(() => {
    setPlaying(false);
    const i = nextIndex(times, current.current);
    setPosition(i < times.length ? times[i]! : duration);
  }, [times, duration]);
  const seek = useCallback((t: number) => {
    setPlaying(false);
    setPosition(t);
  }, []);
  const reset = useCallback(() => {
    setPlaying(false);
    setPosition(null);
  }, []);

  return { playhead, playing, speed, setSpeed, play, pause, step, seek, reset };
}
