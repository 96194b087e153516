import { useEffect, useRef, type RefObject } from 'react';
import { useAppStore } from '@/lib/stores';
import { fetchCommandMetadata } from './commandMetadata';
import { EDITOR_ARIA_LABEL } from './editorLabel';
import { LANGUAGE_ID } from './language/monarch';
import { monaco } from './monacoSetup';
import { applyCommandMetadata, registerRedisLanguage, THEME_ID } from './redisLanguage';
import { nextCommandLine } from './scriptLines';

export interface RedisEditorActions {
  /** Ctrl/Cmd+Enter: the whole script. */
  onRunAll: (script: string) => void;
  /** Shift+Enter: the selection, or the cursor's line; `firstLine` is where that text starts. */
  onRunPart: (text: string, firstLine: number) => void;
}

const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  theme: THEME_ID,
  automaticLayout: true,
  minimap: { enabled: false },
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 14,
  lineHeight: 22,
  padding: { top: 12, bottom: 12 },
  scrollBeyondLastLine: false,
  renderLineHighlight: 'line',
  wordBasedSuggestions: 'off',
  quickSuggestions: { other: true, comments: false, strings: false },
  // Enter only accepts a suggestion that changes the text, so typing `GET` then Enter starts a new line.
  acceptSuggestionOnEnter: 'smart',
  occurrencesHighlight: 'off',
  // redis-cli adds nothing to what is typed; an auto-inserted quote would silently change a command.
  autoClosingQuotes: 'never',
  autoClosingBrackets: 'never',
  fixedOverflowWidgets: true,
  ariaLabel: EDITOR_ARIA_LABEL,
};

let metadataLoaded = false;
let metadataLoading = false;

/** Fetches command metadata once per page; a failure (Redis down) leaves it to the next attempt. */
async function loadCommandMetadata(): Promise<void> {
  if (metadataLoaded || metadataLoading) return;
  metadataLoading = true;
  const commands = await fetchCommandMetadata();
  metadataLoading = false;
  if (!commands) return;
  metadataLoaded = true;
  applyCommandMetadata(monaco, commands);
}

/**
 * Monaco takes the light editor's place: its text, selection, scroll and focus. This runs in the
 * same task that created Monaco, so a key pressed meanwhile waits in the browser's queue and then
 * reaches whichever of the two has the focus: the light editor before this, Monaco after it.
 */
function takeOverFrom(area: HTMLTextAreaElement, editor: monaco.editor.IStandaloneCodeEditor, model: monaco.editor.ITextModel): void {
  const hadFocus = document.activeElement === area;
  const start = model.getPositionAt(area.selectionStart);
  const end = model.getPositionAt(area.selectionEnd);
  const [anchor, active] = area.selectionDirection === 'backward' ? [end, start] : [start, end];
  editor.setSelection(monaco.Selection.fromPositions(anchor, active));
  editor.setScrollTop(area.scrollTop);
  area.hidden = true;
  if (hadFocus) editor.focus();
}

/**
 * Creates the Monaco editor in `container`, taking over from the light editor in `takeOver` if it
 * is there, keeps it in step with the store, and disposes it. `onReady` follows the take-over.
 */
export function useRedisEditor(
  container: RefObject<HTMLDivElement | null>,
  actions: RedisEditorActions,
  takeOver: RefObject<HTMLTextAreaElement | null>,
  onReady: () => void,
): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    registerRedisLanguage(monaco);
    // The light editor's own text: the learner may have typed since the store last rendered it.
    const area = takeOver.current;
    const model = monaco.editor.createModel(area?.value ?? useAppStore.getState().script, LANGUAGE_ID);
    const editor = monaco.editor.create(element, { ...EDITOR_OPTIONS, model });
    if (area) takeOverFrom(area, editor, model);
    if (model.getValue() !== useAppStore.getState().script) useAppStore.getState().setScript(model.getValue());
    onReady();

    const runPart = () => {
      const selection = editor.getSelection();
      if (!selection) return;
      if (!selection.isEmpty()) {
        latest.current.onRunPart(model.getValueInRange(selection), selection.startLineNumber);
        return;
      }
      const line = selection.positionLineNumber;
      latest.current.onRunPart(model.getLineContent(line), line);
      // Step to the next command, so pressing Shift+Enter again walks through the lesson.
      const next = nextCommandLine(model.getLinesContent(), line);
      if (next) editor.setPosition({ lineNumber: next, column: model.getLineMaxColumn(next) });
    };

    const disposables = [
      editor.onDidChangeModelContent(() => useAppStore.getState().setScript(model.getValue())),
      editor.addAction({
        id: 'stampede.runAll',
        label: 'Run all commands',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => latest.current.onRunAll(model.getValue()),
      }),
      editor.addAction({
        id: 'stampede.runPart',
        label: 'Run current line or selection',
        keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
        run: runPart,
      }),
    ];

    // Text loaded from elsewhere (history, a restored session) replaces the buffer as one edit,
    // so Ctrl+Z brings back what the learner had.
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (state.scriptRevision === previous.scriptRevision || state.script === model.getValue()) return;
      editor.pushUndoStop();
      editor.executeEdits('load-script', [{ range: model.getFullModelRange(), text: state.script }]);
      editor.pushUndoStop();
    });

    return () => {
      unsubscribe();
      disposables.forEach((d) => d.dispose());
      editor.dispose();
      model.dispose();
    };
  }, [container, takeOver, onReady]);

  // Try at mount, and again whenever Redis comes back, until the metadata has arrived.
  const redisUp = useAppStore((state) => state.health.redis === 'up');
  useEffect(() => {
    void loadCommandMetadata();
  }, [redisUp]);
}
