import type { KeyLogEntry } from '@/lib/stores/keysSlice';

/** A line of the key event log: one event, or a burst of the same event on the same key. */
export interface FoldedEntry extends KeyLogEntry {
  count: number;
}

/** Events on the same key this close together read as one burst. */
export const BURST_GAP_MS = 1_000;

/**
 * Newest first, with each run of the same event on the same key, no more than BURST_GAP_MS apart,
 * folded into one line that counts them: a race's thousand GETs of one key are one line, not a
 * thousand. The line keeps its newest event's id and time.
 */
export function foldBursts(log: readonly KeyLogEntry[]): FoldedEntry[] {
  const lines: FoldedEntry[] = [];
  let oldest = Number.POSITIVE_INFINITY;
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const entry = log[i]!;
    const line = lines.at(-1);
    if (line && line.key === entry.key && line.event === entry.event && oldest - entry.at <= BURST_GAP_MS) line.count += 1;
    else lines.push({ ...entry, count: 1 });
    oldest = entry.at;
  }
  return lines;
}
