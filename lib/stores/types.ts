import type { StateCreator } from 'zustand';
import type { ConsoleSlice } from './consoleSlice';
import type { EditorSlice } from './editorSlice';
import type { FocusSlice } from './focusSlice';
import type { HealthSlice } from './healthSlice';
import type { HistorySlice } from './historySlice';
import type { KeysSlice } from './keysSlice';
import type { LessonSlice } from './lessonSlice';
import type { RaceSlice } from './raceSlice';

/** The whole client state. A new slice adds its type here and its creator in `index.ts`. */
export type AppState = EditorSlice & ConsoleSlice & HistorySlice & HealthSlice & FocusSlice & LessonSlice & KeysSlice & RaceSlice;

/** How each slice is written: it sees the whole state, and the store is wrapped in `persist`. */
export type SliceCreator<Slice> = StateCreator<AppState, [['zustand/persist', unknown]], [], Slice>;
