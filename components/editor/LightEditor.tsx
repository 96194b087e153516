'use client';

import type { KeyboardEvent, RefObject } from 'react';
import { runScript } from '@/components/console/runScript';
import { useAppStore } from '@/lib/stores';
import { EDITOR_ARIA_LABEL } from './editorLabel';
import styles from './LightEditor.module.css';
import { lineNumberAt, lineRange, nextCommandLine } from './scriptLines';

/** Shift+Enter as Monaco does it: the selection, or the caret's line and then a step to the next command. */
function runPart(area: HTMLTextAreaElement): void {
  const { value, selectionStart, selectionEnd } = area;
  const firstLine = lineNumberAt(value, selectionStart);
  if (selectionStart !== selectionEnd) {
    void runScript(value.slice(selectionStart, selectionEnd), firstLine);
    return;
  }
  const { start, end } = lineRange(value, firstLine);
  void runScript(value.slice(start, end), firstLine);
  const next = nextCommandLine(value.split('\n'), firstLine);
  if (next) {
    const caret = lineRange(value, next).end;
    area.setSelectionRange(caret, caret);
  }
}

function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key !== 'Enter' || event.altKey) return;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    void runScript(event.currentTarget.value);
  } else if (event.shiftKey) {
    event.preventDefault();
    runPart(event.currentTarget);
  }
}

/**
 * A plain text area that stands in for Monaco while Monaco's chunk loads (seconds on a slow CPU),
 * so the learner can type and run at once. It edits the same script in the store; the Monaco hook
 * takes over its text, caret and focus in one task (see useRedisEditor), so no keystroke is lost.
 */
export function LightEditor({ area }: { area: RefObject<HTMLTextAreaElement | null> }) {
  const script = useAppStore((state) => state.script);
  return (
    <textarea
      ref={area}
      className={styles.area}
      data-testid="editor-light"
      value={script}
      onChange={(event) => useAppStore.getState().setScript(event.target.value)}
      onKeyDown={onKeyDown}
      aria-label={EDITOR_ARIA_LABEL}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
      wrap="off"
    />
  );
}
