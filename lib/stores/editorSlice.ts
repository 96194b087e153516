import { BLANK_SCRIPT } from '@/lib/lessons/editorStart';
import type { SliceCreator } from './types';

/**
 * What a first visit finds in the editor: a comment, never a lesson's commands. With a lesson open,
 * the step's goal replaces it (components/lesson/useLessonProgress.ts).
 */
export const SEED_SCRIPT = BLANK_SCRIPT;

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
