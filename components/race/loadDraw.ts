import type { BackendLoad } from '@/lib/sim/backendLoad';

export const LOAD_HEIGHT = 30;
const LOAD_GAP = 6;
const COLOR = '#c2410c';

/** How tall the backend-load strip is, with its gap. */
export const loadHeight = (load: BackendLoad | null) => (load ? LOAD_HEIGHT + LOAD_GAP : 0);

type X = (t: number) => number;

/**
 * Backend calls in flight over the race, on the lanes' time axis, scaled to the race's own peak;
 * a dashed line marks the backend's capacity when the calls passed it and queued.
 */
export function drawLoad(ctx: CanvasRenderingContext2D, load: BackendLoad, capacity: number, x: X, playhead: number, y: number, labelWidth: number): void {
  const max = Math.max(1, load.peak);
  const h = (n: number) => (n / max) * LOAD_HEIGHT;
  ctx.fillStyle = '#f8f9fb';
  ctx.fillRect(x(0), y, Math.max(0, x(playhead) - x(0)), LOAD_HEIGHT);
  ctx.fillStyle = COLOR;
  ctx.globalAlpha = 0.75;
  ctx.beginPath();
  ctx.moveTo(x(0), y + LOAD_HEIGHT);
  let level = 0;
  for (const [t, inFlight] of load.steps) {
    if (t > playhead) break;
    ctx.lineTo(x(t), y + LOAD_HEIGHT - h(level));
    ctx.lineTo(x(t), y + LOAD_HEIGHT - h(inFlight));
    level = inFlight;
  }
  ctx.lineTo(x(playhead), y + LOAD_HEIGHT - h(level));
  ctx.lineTo(x(playhead), y + LOAD_HEIGHT);
  ctx.fill();
  ctx.globalAlpha = 1;
  if (load.peak > capacity) {
    ctx.strokeStyle = '#1d2330';
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x(0), y + LOAD_HEIGHT - h(capacity));
    ctx.lineTo(x(Number.MAX_VALUE), y + LOAD_HEIGHT - h(capacity));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.fillStyle = '#5f6b7d';
  ctx.textAlign = 'right';
  ctx.fillText('backend', labelWidth - 6, y + LOAD_HEIGHT / 2 - 6);
  ctx.fillText(`≤ ${load.peak.toLocaleString('en')}`, labelWidth - 6, y + LOAD_HEIGHT / 2 + 7);
}
