import type { SliceCreator } from './types';

/** One command's outcome, as `POST /api/commands` returns it. */
export interface CommandResult {
  /** 1-based line in the editor. */
  line: number;
  /** The line as typed. */
  command: string;
  ok: boolean;
  /** The typed reply; the console shows `text`, so this is carried but not interpreted here. */
  reply: unknown;
  /** Exactly what redis-cli prints for the reply. */
  text: string;
  /** Server-side time for this command, in milliseconds. */
  ms: number;
}

export type ConsoleEntry =
  | { id: number; kind: 'results'; results: CommandResult[] }
  /** The request as a whole failed (bad input, Redis down, server unreachable). */
  | { id: number; kind: 'error'; message: string; status?: number };

type NewConsoleEntry = { kind: 'results'; results: CommandResult[] } | { kind: 'error'; message: string; status?: number };

/** Older runs are dropped past this, so a long session does not grow the page without bound. */
export const CONSOLE_LIMIT = 100;

export interface ConsoleSlice {
  /** Oldest first, like a terminal. */
  entries: ConsoleEntry[];
  running: boolean;
  nextEntryId: number;
  setRunning: (running: boolean) => void;
  appendEntry: (entry: NewConsoleEntry) => void;
  clearConsole: () => void;
}

export const createConsoleSlice: SliceCreator<ConsoleSlice> = (set) => ({
  entries: [],
  running: false,
  nextEntryId: 1,
  setRunning: (running) => set({ running }),
  appendEntry: (entry) =>
    set((state) => ({
      entries: [...state.entries, { ...entry, id: state.nextEntryId }].slice(-CONSOLE_LIMIT),
      nextEntryId: state.nextEntryId + 1,
    })),
  clearConsole: () => set({ entries: [] }),
});
