import type { KeySpan, KeyTrack } from '@/lib/sim/keyTracks';

const TRACK_HEIGHT = 18;
const TRACK_GAP = 4;

export const TRACK_COLORS = {
  fresh: '#2563eb',
  stale: '#d97706',
  held: '#7c3aed',
  empty: '#f1f3f7',
  label: '#5f6b7d',
  'expired-under-holder': '#dc2626',
  'stolen-release': '#dc2626',
  'release-refused': '#15803d',
};

/** How tall the key tracks above the lanes are, with the gap below them. */
export const tracksHeight = (tracks: readonly KeyTrack[]) => (tracks.length ? tracks.length * (TRACK_HEIGHT + TRACK_GAP) + 6 : 0);

type X = (t: number) => number;

/**
 * One track per key, above the lanes: missing or free in grey; the cache fresh (blue) or stale
 * (amber), the lock held (violet, with its holder's number where it fits). The darker area under
 * the slope is the TTL left, shrinking to nothing at expiry. Marks sit on top: a lock that expired
 * under a working holder and a stolen release in red, a refused release in green.
 */
export function drawTracks(ctx: CanvasRenderingContext2D, tracks: readonly KeyTrack[], x: X, playhead: number, labelWidth: number): void {
  tracks.forEach((track, i) => {
    const y = i * (TRACK_HEIGHT + TRACK_GAP);
    ctx.fillStyle = TRACK_COLORS.empty;
    ctx.fillRect(x(0), y, Math.max(0, x(playhead) - x(0)), TRACK_HEIGHT);
    ctx.fillStyle = TRACK_COLORS.label;
    ctx.textAlign = 'right';
    ctx.fillText(track.role, labelWidth - 6, y + TRACK_HEIGHT / 2);
    const { spans } = track;
    for (let j = 0; j < spans.length; j += 1) {
      const span = spans[j]!;
      if (span.from > playhead) break;
      const next = spans[j + 1];
      // Thousands of SETs within a few pixels (no protection): the next span covers this pixel anyway.
      if (next && next.from <= playhead && Math.floor(x(next.from)) === Math.floor(x(span.from))) continue;
      drawSpan(ctx, track, span, x, playhead, y);
    }
    for (const mark of track.marks) {
      if (mark.t > playhead) continue;
      const mx = x(mark.t);
      ctx.fillStyle = TRACK_COLORS[mark.kind];
      ctx.fillRect(mx - 1, y, 2, TRACK_HEIGHT);
      ctx.beginPath();
      ctx.moveTo(mx - 5, y);
      ctx.lineTo(mx + 5, y);
      ctx.lineTo(mx, y + 7);
      ctx.fill();
    }
  });
}

function drawSpan(ctx: CanvasRenderingContext2D, track: KeyTrack, span: KeySpan, x: X, playhead: number, y: number): void {
  const end = Math.min(span.to, playhead);
  const staleAt = span.staleFrom === undefined ? end : Math.min(end, span.staleFrom);
  const color = track.role === 'lock' ? TRACK_COLORS.held : TRACK_COLORS.fresh;
  const parts: [number, number, string][] = [
    [span.from, staleAt, color],
    [staleAt, end, TRACK_COLORS.stale],
  ];
  for (const [from, to, fill] of parts) {
    if (to <= from) continue;
    ctx.fillStyle = fill;
    ctx.globalAlpha = 0.35;
    ctx.fillRect(x(from), y, Math.max(1, x(to) - x(from)), TRACK_HEIGHT);
    ctx.globalAlpha = 1;
    if (span.expireAt === null) {
      ctx.fillRect(x(from), y + TRACK_HEIGHT - 4, Math.max(1, x(to) - x(from)), 4);
      continue;
    }
    // The TTL left, as a bar that shrinks along the track.
    const height = (t: number) => (Math.max(0, span.expireAt! - t) / track.maxTtlMs) * TRACK_HEIGHT;
    ctx.beginPath();
    ctx.moveTo(x(from), y + TRACK_HEIGHT);
    ctx.lineTo(x(from), y + TRACK_HEIGHT - height(from));
    ctx.lineTo(Math.max(x(from) + 1, x(to)), y + TRACK_HEIGHT - height(to));
    ctx.lineTo(Math.max(x(from) + 1, x(to)), y + TRACK_HEIGHT);
    ctx.fill();
  }
  if (span.holder !== undefined && x(end) - x(span.from) > 26) {
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'left';
    ctx.fillText(`#${span.holder}`, x(span.from) + 3, y + TRACK_HEIGHT / 2);
  }
}
