import { buildDensity, sampleLanes, type Density, type Lane, type Timeline } from '@/lib/sim/timeline';

export const COLORS = {
  waiting: '#cfd6e2',
  lock: '#7c3aed',
  backend: '#c2410c',
  fresh: '#15803d',
  stale: '#d97706',
  failed: '#dc2626',
  axis: '#5f6b7d',
  grid: '#eef0f4',
  playhead: '#1d2330',
  fault: '#dc2626',
};

/** Past this many clients, one lane each would be a pixel or less: show density and a sample. */
export const LANES_IN_FULL = 120;
const SAMPLE = 80;
const DENSITY_HEIGHT = 96;
const AXIS_HEIGHT = 22;
const LABEL_WIDTH = 44;

/** Everything a frame needs that does not change with the playhead, computed once per run. */
export interface Scene {
  lanes: Lane[];
  density: Density | null;
  laneHeight: number;
  height: number;
  timeline: Timeline;
}

export function sceneOf(timeline: Timeline, width: number): Scene {
  const many = timeline.lanes.length > LANES_IN_FULL;
  const lanes = many ? sampleLanes(timeline.lanes, SAMPLE) : timeline.lanes;
  const laneHeight = Math.max(3, Math.min(12, Math.floor(320 / Math.max(1, lanes.length))));
  const density = many ? buildDensity(timeline, Math.max(50, Math.floor(width - LABEL_WIDTH))) : null;
  const height = (density ? DENSITY_HEIGHT + 10 : 0) + lanes.length * laneHeight + AXIS_HEIGHT + 6;
  return { lanes, density, laneHeight, height, timeline };
}

/** Draws the race as it stood at `playhead` ms, on a time axis `span` ms wide (shared by a comparison). */
export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, width: number, playhead: number, span: number): void {
  const x = (t: number) => LABEL_WIDTH + (Math.min(t, span) / Math.max(span, 1)) * (width - LABEL_WIDTH - 8);
  ctx.clearRect(0, 0, width, scene.height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let top = 0;
  if (scene.density) {
    drawDensity(ctx, scene.density, scene.timeline.lanes.length, x, playhead, DENSITY_HEIGHT);
    top = DENSITY_HEIGHT + 10;
  }
  const h = scene.laneHeight;
  const gap = h >= 6 ? 1 : 0;
  const bottom = top + scene.lanes.length * h;
  drawAxis(ctx, x, span, bottom, top);
  scene.lanes.forEach((lane, row) => {
    const y = top + row * h;
    if (lane.arrival > playhead) return;
    for (const [from, to, kind] of lane.segments) {
      if (from > playhead) continue;
      const end = Math.min(to ?? playhead, playhead);
      ctx.fillStyle = COLORS[kind];
      const inset = kind === 'lock' ? Math.floor(h / 3) : 0;
      ctx.fillRect(x(from), y + gap + inset, Math.max(1, x(end) - x(from)), h - gap * 2 - inset * 2);
    }
    if (lane.end !== null && lane.end <= playhead && lane.outcome !== 'pending') {
      ctx.fillStyle = COLORS[lane.outcome];
      ctx.fillRect(x(lane.end) - 1, y, 3, h);
    }
  });
  if (scene.lanes.length <= 40) {
    ctx.fillStyle = COLORS.axis;
    ctx.textAlign = 'right';
    scene.lanes.forEach((lane, row) => h >= 9 && ctx.fillText(`#${lane.client}`, LABEL_WIDTH - 6, top + row * h + h / 2));
  }
  for (const fault of scene.timeline.faults) {
    if (fault.t > playhead) continue;
    ctx.strokeStyle = COLORS.fault;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x(fault.t), 0);
    ctx.lineTo(x(fault.t), bottom);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = COLORS.playhead;
  ctx.beginPath();
  ctx.moveTo(x(playhead), 0);
  ctx.lineTo(x(playhead), bottom);
  ctx.stroke();
}

function drawDensity(ctx: CanvasRenderingContext2D, d: Density, clients: number, x: (t: number) => number, playhead: number, height: number): void {
  ctx.fillStyle = '#f8f9fb';
  ctx.fillRect(x(0), 0, x(Number.MAX_VALUE) - x(0), height);
  const scale = height / Math.max(1, clients);
  const last = Math.min(d.waiting.length, Math.ceil(playhead / d.bucketMs));
  for (let i = 0; i < last; i += 1) {
    const x0 = x(i * d.bucketMs);
    const w = Math.max(1, x((i + 1) * d.bucketMs) - x0);
    const waiting = d.waiting[i]! * scale;
    const backend = Math.max(d.backend[i]! > 0 ? 3 : 0, d.backend[i]! * scale);
    ctx.fillStyle = COLORS.waiting;
    ctx.fillRect(x0, height - waiting, w, waiting);
    ctx.fillStyle = COLORS.backend;
    ctx.fillRect(x0, height - backend, w, backend);
    ctx.fillStyle = COLORS.fresh;
    ctx.fillRect(x0, height - d.served[i]! * scale - 1, w, 2);
  }
  ctx.fillStyle = COLORS.axis;
  ctx.textAlign = 'right';
  ctx.fillText(clients.toLocaleString('en'), 40, 6);
  ctx.fillText('0', 40, height - 4);
}

function drawAxis(ctx: CanvasRenderingContext2D, x: (t: number) => number, span: number, bottom: number, top: number): void {
  const step = niceStep(span / 6);
  ctx.textAlign = 'center';
  for (let t = 0; t <= span; t += step) {
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(x(t), top);
    ctx.lineTo(x(t), bottom);
    ctx.stroke();
    ctx.fillStyle = COLORS.axis;
    ctx.fillText(`${Math.round(t)} ms`, x(t), bottom + 12);
  }
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10;
}
