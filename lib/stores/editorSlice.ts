import type { SliceCreator } from './types';

/** What a first visit finds in the editor: the lesson's four steps, ready to run. */
export const SEED_SCRIPT = `# Prevent a cache stampede with a lock
SET cache:data "initial value"
SET cache:lock "locked"
GET cache:data
SET cache:lock "locked" NX PX 30000
DEL cache:lock
`;

export interface EditorSlice {
  /** The editor's text, kept in step on every change so Run never needs the editor instance. */
  script: string;
  /**
   * Bumped whenever something other than typing replaces the script (history, reload), which is
   * the editor's cue to take the new text; its own keystrokes do not bump it.
   */
  scriptRevision: number;
  setScript: (script: string) => void;
  loadScript: (script: string) => void;
}

export const createEditorSlice: SliceCreator<EditorSlice> = (set) => ({
  script: SEED_SCRIPT,
  scriptRevision: 0,
  setScript: (script) => set({ script }),
  loadScript: (script) => set((state) => ({ script, scriptRevision: state.scriptRevision + 1 })),
});
