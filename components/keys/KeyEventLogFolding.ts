import type { KeyLogEntry } from '@/lib/stores/keysSlice';

/** A line of the key event log: one event, or a burst of the same event on the same key. */
export interface FoldedEntry extends KeyLogEntry {
  count: number;
}

/** Events on the same key this close together read as one burst. */
const BURST_GAP_MS = 1_000;
/** A SET with EX or PX makes Redis notify `set` and then `expire`, within the same moment. */
const SAME_WRITE_MS = 5;

/**
 * Newest first, with each run of the same event on the same key, no more than BURST_GAP_MS apart,
 * folded into one line that counts them: a race's thousand writes of one key are one line, not a
 * thousand. A `set` and the `expire` right after it on the same key (a SET with a TTL) are one
 * event, `set+expire`, so that a burst of such writes folds too. A line keeps its newest event's id
 * and time.
 */
export function foldBursts(log: readonly KeyLogEntry[]): FoldedEntry[] {
  const lines: FoldedEntry[] = [];
  let oldest = Number.POSITIVE_INFINITY;
  for (let i = log.length - 1; i >= 0; i -= 1) {
    let entry = log[i]!;
    const before = log[i - 1];
    if (entry.event === 'expire' && before?.event === 'set' && before.key === entry.key && entry.at - before.at <= SAME_WRITE_MS) {
      entry = { ...entry, event: 'set+expire' };
      i -= 1;
    }
    const line = lines.at(-1);
    if (line && line.key === entry.key && line.event === entry.event && oldest - entry.at <= BURST_GAP_MS) line.count += 1;
    else lines.push({ ...entry, count: 1 });
    oldest = entry.at;
  }
  return lines;
}
