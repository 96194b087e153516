import type { BackendLoad } from '@/lib/sim/backendLoad';
import { RATE_BUCKET_MS } from '@/lib/sim/counting';

export const LOAD_HEIGHT = 30;
const LOAD_GAP = 6;
const COLOR = '#c2410c';

const RATE_HEIGHT = 22;

/** Under the key tracks: backend calls in flight (with the backend's capacity), and Redis commands per 10 ms. */
export interface LoadStrips {
  load: BackendLoad;
  capacity: number;
  commandsPer10ms: readonly number[];
}

/** How tall the load strips are, with their gaps. */
export const loadHeight = (strips: LoadStrips | null) => (strips ? LOAD_HEIGHT + RATE_HEIGHT + 2 * LOAD_GAP : 0);

/** Both strips, from `y` down. */
export function drawLoadStrips(ctx: CanvasRenderingContext2D, strips: LoadStrips, x: X, playhead: number, y: number, labelWidth: number): void {
  drawLoad(ctx, strips.load, strips.capacity, x, playhead, y, labelWidth);
  drawRate(ctx, strips.commandsPer10ms, x, playhead, y + LOAD_HEIGHT + LOAD_GAP, labelWidth);
}

/** Redis commands the race sent in each 10 ms, as bars scaled to the busiest 10 ms. */
function drawRate(ctx: CanvasRenderingContext2D, counts: readonly number[], x: X, playhead: number, y: number, labelWidth: number): void {
  const max = Math.max(1, ...counts);
  ctx.fillStyle = '#f8f9fb';
  ctx.fillRect(x(0), y, Math.max(0, x(playhead) - x(0)), RATE_HEIGHT);
  ctx.fillStyle = '#1d4ed8';
  const last = Math.min(counts.length, Math.ceil(playhead / RATE_BUCKET_MS));
  for (let i = 0; i < last; i += 1) {
    if (counts[i] === 0) continue;
    const h = Math.max(1, (counts[i]! / max) * RATE_HEIGHT);
    const x0 = x(i * RATE_BUCKET_MS);
    ctx.fillRect(x0, y + RATE_HEIGHT - h, Math.max(1, x((i + 1) * RATE_BUCKET_MS) - x0), h);
  }
  ctx.fillStyle = '#5f6b7d';
  ctx.textAlign = 'right';
  ctx.fillText('cmds', labelWidth - 6, y + RATE_HEIGHT / 2 - 5);
  ctx.fillText(`≤ ${max.toLocaleString('en')}`, labelWidth - 6, y + RATE_HEIGHT / 2 + 7);
}

type X = (t: number) => number;

/**
 * Backend calls in flight over the race, on the lanes' time axis, scaled to the race's own peak;
 * a dashed line marks the backend's capacity when the calls passed it and queued.
 */
function drawLoad(ctx: CanvasRenderingContext2D, load: BackendLoad, capacity: number, x: X, playhead: number, y: number, labelWidth: number): void {
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
  ctx.fillText('calls', labelWidth - 6, y + LOAD_HEIGHT / 2 - 6);
  ctx.fillText(`≤ ${load.peak.toLocaleString('en')}`, labelWidth - 6, y + LOAD_HEIGHT / 2 + 7);
}
