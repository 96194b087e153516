/** What a screen reader announces for the editor, Monaco or its light stand-in alike. */
export const EDITOR_ARIA_LABEL = 'Redis commands. Ctrl+Enter runs all, Shift+Enter runs the current line or selection.';
