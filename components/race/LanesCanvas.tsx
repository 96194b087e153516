'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyTrack } from '@/lib/sim/keyTracks';
import type { Timeline } from '@/lib/sim/timeline';
import { drawScene, LANES_IN_FULL, sceneOf, type LaneLabels } from './draw';
import type { LoadStrips } from './loadDraw';
import styles from './Race.module.css';

interface Props {
  label: string;
  timeline: Timeline;
  /** Participants' names by client index (a class race); their lanes come first. */
  laneLabels?: LaneLabels;
  playhead: number;
  span: number;
  /** The race's cache and lock, drawn as tracks above the lanes. */
  tracks?: readonly KeyTrack[];
  /** Backend calls in flight and Redis commands per 10 ms, drawn under the key tracks. */
  load?: LoadStrips;
}

/** One race on canvas: a lane per client, or for thousands a density strip over a sample of lanes. */
export function LanesCanvas({ label, timeline, laneLabels, playhead, span, tracks, load }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const element = canvas.current?.parentElement;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(320, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const scene = useMemo(() => sceneOf(timeline, width, laneLabels, tracks, load ?? null), [timeline, width, laneLabels, tracks, load]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    if (element.width !== Math.round(width * ratio) || element.height !== Math.round(scene.height * ratio)) {
      element.width = Math.round(width * ratio);
      element.height = Math.round(scene.height * ratio);
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawScene(ctx, scene, width, playhead, span);
    // Lets the replay benchmark count frames actually drawn, not just frames the browser offered.
    element.dataset.playhead = playhead.toFixed(1);
  }, [scene, width, playhead, span]);

  const clients = timeline.lanes.length;
  const view = clients > LANES_IN_FULL ? `density of ${clients.toLocaleString('en')} clients and ${scene.rows.length} sample lanes` : `${clients} lanes`;
  return (
    <figure className={styles.lanesFigure}>
      <figcaption className={styles.lanesCaption}>
        <strong>{label}</strong> <span>{view}</span>
      </figcaption>
      <canvas
        ref={canvas}
        className={styles.canvas}
        style={{ width, height: scene.height }}
        data-testid="race-lanes"
        data-lanes={scene.rows.length}
        data-named-lanes={scene.rows.filter((row) => row.name !== undefined).length}
        data-clients={clients}
        role="img"
        aria-label={`${label}: ${view}`}
      />
    </figure>
  );
}
