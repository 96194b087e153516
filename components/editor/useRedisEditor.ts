import { useEffect, useRef, type RefObject } from 'react';
import { useAppStore } from '@/lib/stores';
import { fetchCommandMetadata } from './commandMetadata';
import { isCommentLine } from './language/commandIndex';
import { LANGUAGE_ID } from './language/monarch';
import { monaco } from './monacoSetup';
import { applyCommandMetadata, registerRedisLanguage, THEME_ID } from './redisLanguage';

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
  ariaLabel: 'Redis commands. Ctrl+Enter runs all, Shift+Enter runs the current line or selection.',
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

/** The next line after `line` that holds a command, for stepping through a script. */
function nextCommandLine(model: monaco.editor.ITextModel, line: number): number | undefined {
  for (let n = line + 1; n <= model.getLineCount(); n++) {
    const text = model.getLineContent(n);
    if (text.trim() !== '' && !isCommentLine(text)) return n;
  }
  return undefined;
}

/** Creates the Monaco editor in `container`, keeps it in step with the store, and disposes it. */
export function useRedisEditor(container: RefObject<HTMLDivElement | null>, actions: RedisEditorActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    registerRedisLanguage(monaco);
    const model = monaco.editor.createModel(useAppStore.getState().script, LANGUAGE_ID);
    const editor = monaco.editor.create(element, { ...EDITOR_OPTIONS, model });

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
      const next = nextCommandLine(model, line);
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
  }, [container]);

  // Try at mount, and again whenever Redis comes back, until the metadata has arrived.
  const redisUp = useAppStore((state) => state.health.redis === 'up');
  useEffect(() => {
    void loadCommandMetadata();
  }, [redisUp]);
}
