import type { KeyTrack } from '@/lib/sim/keyTracks';
import { buildDensity, sampleLanes, type Density, type Lane, type Timeline } from '@/lib/sim/timeline';
import { drawTracks, tracksHeight } from './keyTrackDraw';
import { drawLoadStrips, loadHeight, type LoadStrips } from './loadDraw';

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
/** With participants' names, the label column and their lanes are wide and tall enough to read. */
const NAME_WIDTH = 132;
const NAMED_LANE_HEIGHT = 14;

/** Display names of labelled lanes (a class race's participants), by client index. */
export type LaneLabels = Readonly<Record<number, string>>;

/** One lane on the canvas: where it sits, how tall it is, and the name it carries, if any. */
interface Row {
  lane: Lane;
  y: number;
  h: number;
  name?: string;
}

/** Everything a frame needs that does not change with the playhead, computed once per run. */
export interface Scene {
  rows: Row[];
  density: Density | null;
  /** The race's keys, drawn above everything else; the density strip starts below them. */
  tracks: readonly KeyTrack[];
  /** Backend calls in flight and Redis commands over the race, below the key tracks. */
  load: LoadStrips | null;
  densityTop: number;
  labelWidth: number;
  /** Where the lanes begin and end, below the density strip. */
  top: number;
  bottom: number;
  height: number;
  timeline: Timeline;
}

/** Labelled lanes come first, all of them (up to 120); a sample of the others fills up to 80 lanes. */
export function sceneOf(timeline: Timeline, width: number, labels: LaneLabels = {}, tracks: readonly KeyTrack[] = [], load: LoadStrips | null = null): Scene {
  const many = timeline.lanes.length > LANES_IN_FULL;
  const named = timeline.lanes.filter((lane) => labels[lane.client] !== undefined).slice(0, LANES_IN_FULL);
  const others = timeline.lanes.filter((lane) => labels[lane.client] === undefined);
  const rest = many ? sampleLanes(others, SAMPLE - named.length) : others;
  const laneHeight = Math.max(3, Math.min(12, Math.floor(320 / Math.max(1, named.length + rest.length))));
  const labelWidth = named.length > 0 ? NAME_WIDTH : LABEL_WIDTH;
  const density = many ? buildDensity(timeline, Math.max(50, Math.floor(width - labelWidth))) : null;
  const densityTop = tracksHeight(tracks) + loadHeight(load);
  const top = densityTop + (density ? DENSITY_HEIGHT + 10 : 0);
  const rows: Row[] = [];
  let y = top;
  const add = (lane: Lane, h: number, name?: string) => {
    rows.push(name === undefined ? { lane, y, h } : { lane, y, h, name });
    y += h;
  };
  for (const lane of named) add(lane, NAMED_LANE_HEIGHT, labels[lane.client]);
  for (const lane of rest) add(lane, laneHeight);
  return { rows, density, tracks, load, densityTop, labelWidth, top, bottom: y, height: y + AXIS_HEIGHT + 6, timeline };
}

/** Draws the race as it stood at `playhead` ms, on a time axis `span` ms wide (shared by a comparison). */
export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, width: number, playhead: number, span: number): void {
  const { labelWidth, rows, top, bottom } = scene;
  const x = (t: number) => labelWidth + (Math.min(t, span) / Math.max(span, 1)) * (width - labelWidth - 8);
  ctx.clearRect(0, 0, width, scene.height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  drawTracks(ctx, scene.tracks, x, playhead, labelWidth);
  if (scene.load) drawLoadStrips(ctx, scene.load, x, playhead, tracksHeight(scene.tracks), labelWidth);
  if (scene.density) {
    ctx.save();
    ctx.translate(0, scene.densityTop);
    drawDensity(ctx, scene.density, scene.timeline.lanes.length, x, playhead, DENSITY_HEIGHT, labelWidth);
    ctx.restore();
  }
  drawAxis(ctx, x, span, bottom, top);
  for (const { lane, y, h } of rows) {
    if (lane.arrival > playhead) continue;
    const gap = h >= 6 ? 1 : 0;
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
  }
  drawRowLabels(ctx, rows, labelWidth);
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

/** Names are drawn with fillText: whatever a participant typed stays text. Unnamed lanes show `#n` when there is room. */
function drawRowLabels(ctx: CanvasRenderingContext2D, rows: Row[], labelWidth: number): void {
  ctx.fillStyle = COLORS.axis;
  ctx.textAlign = 'right';
  const numbered = rows.filter((row) => row.name === undefined).length <= 40;
  for (const { lane, y, h, name } of rows) {
    if (name !== undefined) ctx.fillText(fitText(ctx, name, labelWidth - 10), labelWidth - 6, y + h / 2);
    else if (numbered && h >= 9) ctx.fillText(`#${lane.client}`, labelWidth - 6, y + h / 2);
  }
}

/** The text, cut with an ellipsis where it would be wider than `max` pixels. */
function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const characters = Array.from(text);
  while (characters.length > 1 && ctx.measureText(`${characters.join('')}…`).width > max) characters.pop();
  return `${characters.join('')}…`;
}

function drawDensity(
  ctx: CanvasRenderingContext2D,
  d: Density,
  clients: number,
  x: (t: number) => number,
  playhead: number,
  height: number,
  labelWidth: number,
): void {
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
  ctx.fillText(clients.toLocaleString('en'), labelWidth - 4, 6);
  ctx.fillText('0', labelWidth - 4, height - 4);
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
