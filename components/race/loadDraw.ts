import type { BackendLoad } from '@/lib/sim/backendLoad';
import { RATE_BUCKET_MS } from '@/lib/sim/counting';

const LOAD_HEIGHT = 30;
const LATENCY_HEIGHT = 26;
const REBUILD_HEIGHT = 22;
const RATE_HEIGHT = 22;
const GAP = 6;
const MUTED = '#5f6b7d';
const SHADE = '#f8f9fb';

/** Bins of the rebuilds strip. */
export const REBUILD_BIN_MS = 100;

/**
 * The strips under the key tracks: backend calls in flight (with the backend's capacity), how long
 * each call took (with the timeout), rebuilds begun (a many-keys race), and Redis commands per 10
 * ms. Vertical scales are shared by the races of a comparison, so the same height means the same
 * load in both.
 */
export interface LoadStrips {
  load: BackendLoad;
  capacity: number;
  timeoutMs: number;
  commandsPer10ms: readonly number[];
  /** Rebuilds begun per 100 ms; null hides the strip (a one-key race rebuilds once or so). */
  rebuilds: readonly number[] | null;
  scale: { calls: number; latencyMs: number; rebuilds: number; commands: number };
}

type X = (t: number) => number;

/** How tall the load strips are, with their gaps. */
export const loadHeight = (strips: LoadStrips | null) =>
  strips ? LOAD_HEIGHT + LATENCY_HEIGHT + RATE_HEIGHT + 3 * GAP + (strips.rebuilds ? REBUILD_HEIGHT + GAP : 0) : 0;

/** Every strip, from `y` down, as far as the playhead. */
export function drawLoadStrips(ctx: CanvasRenderingContext2D, strips: LoadStrips, x: X, playhead: number, y: number, labelWidth: number): void {
  drawLoad(ctx, strips, x, playhead, y, labelWidth);
  y += LOAD_HEIGHT + GAP;
  drawLatency(ctx, strips, x, playhead, y, labelWidth);
  y += LATENCY_HEIGHT + GAP;
  if (strips.rebuilds) {
    drawBars(
      ctx,
      strips.rebuilds,
      REBUILD_BIN_MS,
      strips.scale.rebuilds,
      '#7c3aed',
      ['rebuilds', `≤ ${strips.scale.rebuilds}/100ms`],
      x,
      playhead,
      y,
      REBUILD_HEIGHT,
      labelWidth,
    );
    y += REBUILD_HEIGHT + GAP;
  }
  drawBars(
    ctx,
    strips.commandsPer10ms,
    RATE_BUCKET_MS,
    strips.scale.commands,
    '#1d4ed8',
    ['cmds', `≤ ${strips.scale.commands.toLocaleString('en')}`],
    x,
    playhead,
    y,
    RATE_HEIGHT,
    labelWidth,
  );
}

function label(ctx: CanvasRenderingContext2D, [name, range]: [string, string], y: number, height: number, labelWidth: number): void {
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'right';
  ctx.fillText(name, labelWidth - 6, y + height / 2 - 6);
  ctx.fillText(range, labelWidth - 6, y + height / 2 + 7);
}

/** A dashed level across the strip: the backend's capacity, or its timeout. */
function level(ctx: CanvasRenderingContext2D, x: X, y: number): void {
  ctx.strokeStyle = '#1d2330';
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(x(0), y);
  ctx.lineTo(x(Number.MAX_VALUE), y);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Counts per bin as bars, scaled to `max`. */
function drawBars(
  ctx: CanvasRenderingContext2D,
  counts: readonly number[],
  binMs: number,
  max: number,
  color: string,
  names: [string, string],
  x: X,
  playhead: number,
  y: number,
  height: number,
  labelWidth: number,
): void {
  ctx.fillStyle = SHADE;
  ctx.fillRect(x(0), y, Math.max(0, x(playhead) - x(0)), height);
  ctx.fillStyle = color;
  const last = Math.min(counts.length, Math.ceil(playhead / binMs));
  for (let i = 0; i < last; i += 1) {
    if (counts[i] === 0) continue;
    const h = Math.max(1, (counts[i]! / Math.max(1, max)) * height);
    const x0 = x(i * binMs);
    ctx.fillRect(x0, y + height - h, Math.max(1, x((i + 1) * binMs) - x0), h);
  }
  label(ctx, names, y, height, labelWidth);
}

/** Backend calls in flight over the race; a dashed line marks the backend's capacity when the calls passed it and queued. */
function drawLoad(ctx: CanvasRenderingContext2D, { load, capacity, scale }: LoadStrips, x: X, playhead: number, y: number, labelWidth: number): void {
  const h = (n: number) => (n / Math.max(1, scale.calls)) * LOAD_HEIGHT;
  ctx.fillStyle = SHADE;
  ctx.fillRect(x(0), y, Math.max(0, x(playhead) - x(0)), LOAD_HEIGHT);
  ctx.fillStyle = '#c2410c';
  ctx.globalAlpha = 0.75;
  ctx.beginPath();
  ctx.moveTo(x(0), y + LOAD_HEIGHT);
  let now = 0;
  for (const [t, inFlight] of load.steps) {
    if (t > playhead) break;
    ctx.lineTo(x(t), y + LOAD_HEIGHT - h(now));
    ctx.lineTo(x(t), y + LOAD_HEIGHT - h(inFlight));
    now = inFlight;
  }
  ctx.lineTo(x(playhead), y + LOAD_HEIGHT - h(now));
  ctx.lineTo(x(playhead), y + LOAD_HEIGHT);
  ctx.fill();
  ctx.globalAlpha = 1;
  if (scale.calls > capacity) level(ctx, x, y + LOAD_HEIGHT - h(capacity));
  label(ctx, ['calls', `≤ ${scale.calls.toLocaleString('en')}`], y, LOAD_HEIGHT, labelWidth);
}

/**
 * How long each backend call took, queueing included, as a dot where it ended: flat at the
 * backend's own latency while there is capacity, climbing as calls queue, red where one failed.
 * A dashed line marks the timeout when a call reached it.
 */
function drawLatency(ctx: CanvasRenderingContext2D, { load, timeoutMs, scale }: LoadStrips, x: X, playhead: number, y: number, labelWidth: number): void {
  const h = (ms: number) => (ms / Math.max(1, scale.latencyMs)) * (LATENCY_HEIGHT - 2);
  ctx.fillStyle = SHADE;
  ctx.fillRect(x(0), y, Math.max(0, x(playhead) - x(0)), LATENCY_HEIGHT);
  for (const call of load.calls) {
    if (call.end > playhead) break;
    ctx.fillStyle = call.failed ? '#dc2626' : '#0f766e';
    ctx.fillRect(x(call.end) - 1, y + LATENCY_HEIGHT - 1 - h(call.latencyMs) - 1, 2, 2);
  }
  if (scale.latencyMs >= timeoutMs) level(ctx, x, y + LATENCY_HEIGHT - 1 - h(timeoutMs));
  label(ctx, ['latency', `≤ ${(scale.latencyMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s`], y, LATENCY_HEIGHT, labelWidth);
}
