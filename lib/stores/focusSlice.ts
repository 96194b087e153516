import type { SliceCreator } from './types';

/** Keys the current lesson step talks about; the keys panel highlights them. */
export interface FocusSlice {
  highlightedKeys: string[];
  setHighlightedKeys: (keys: string[]) => void;
}

export const createFocusSlice: SliceCreator<FocusSlice> = (set) => ({
  highlightedKeys: [],
  setHighlightedKeys: (highlightedKeys) => set({ highlightedKeys }),
});
