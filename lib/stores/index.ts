import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createConsoleSlice } from './consoleSlice';
import { createEditorSlice } from './editorSlice';
import { createFocusSlice } from './focusSlice';
import { createHealthSlice } from './healthSlice';
import { createHistorySlice } from './historySlice';
import { createLessonSlice } from './lessonSlice';
import { createKeysSlice } from './keysSlice';
import { createRaceSlice } from './raceSlice';
import type { AppState, SliceCreator } from './types';

export type { AppState, SliceCreator } from './types';
export { SEED_SCRIPT } from './editorSlice';
export type { CommandResult, ConsoleEntry } from './consoleSlice';
export type { HistoryEntry } from './historySlice';
export type { Health, RedisStatus } from './healthSlice';
export type { KeyEntry, StreamStatus } from './keysSlice';
export type { RaceRun } from './raceSlice';

/** Every slice, combined. Adding a slice means one more spread here and one more type in `types.ts`. */
const createState: SliceCreator<AppState> = (...a) => ({
  ...createEditorSlice(...a),
  ...createConsoleSlice(...a),
  ...createHistorySlice(...a),
  ...createHealthSlice(...a),
  ...createFocusSlice(...a),
  ...createLessonSlice(...a),
  ...createKeysSlice(...a),
  ...createRaceSlice(...a),
});

/** Only what a learner would miss after a reload; results, health and lesson progress (kept on the server) are live data. */
type Persisted = Pick<AppState, 'script' | 'history'>;

export const useAppStore = create<AppState>()(
  persist(createState, {
    name: 'stampede-lab',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (state): Persisted => ({ script: state.script, history: state.history }),
    // The server render cannot see localStorage; hydrating after mount (StoreHydration) keeps the
    // first client render identical to the server's.
    skipHydration: true,
    // A restored script must reach an editor that may already be showing the seed.
    merge: (persisted, current) => ({
      ...current,
      ...(persisted as Partial<Persisted>),
      scriptRevision: current.scriptRevision + 1,
    }),
  }),
);

/** Back to a first visit: fresh state and nothing saved. For tests. */
export function resetStore(): void {
  useAppStore.setState(createState(useAppStore.setState, useAppStore.getState, useAppStore), true);
  useAppStore.persist?.clearStorage();
}
