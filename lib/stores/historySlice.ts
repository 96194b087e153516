import type { SliceCreator } from './types';

export const HISTORY_LIMIT = 50;

export interface HistoryEntry {
  script: string;
  /** Epoch milliseconds of the run. */
  at: number;
}

export interface HistorySlice {
  /** Newest first. */
  history: HistoryEntry[];
  addToHistory: (script: string, at?: number) => void;
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set) => ({
  history: [],
  addToHistory: (script, at = Date.now()) =>
    set((state) => {
      if (script.trim() === '') return {};
      // Running the same script again only refreshes its time, so the list stays readable.
      const rest = state.history[0]?.script === script ? state.history.slice(1) : state.history;
      return { history: [{ script, at }, ...rest].slice(0, HISTORY_LIMIT) };
    }),
});
