'use client';

import { useEffect, useRef } from 'react';
import { LUA_ID, registerLua } from './luaLanguage';
import { monaco } from './monacoSetup';
import styles from './LuaEditor.module.css';

/** A problem to show on one line of the script: Redis's compile error, say. */
interface LineMarker {
  line: number;
  message: string;
}

export interface LuaEditorProps {
  value: string;
  onChange(value: string): void;
  /** Names the editor for screen readers, e.g. "Read script (Lua)". */
  label: string;
  marker: LineMarker | null;
  testId?: string;
}

/** One Lua script in Monaco; loaded with `ssr: false` through ScriptEditor, since Monaco needs the DOM. */
export default function LuaEditor({ value, onChange, label, marker, testId }: LuaEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef({ value, onChange });
  useEffect(() => {
    latest.current = { value, onChange };
  });

  useEffect(() => {
    registerLua(monaco);
    const editor = monaco.editor.create(container.current!, {
      value: latest.current.value,
      language: LUA_ID,
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      lineHeight: 20,
      scrollBeyondLastLine: false,
      tabSize: 2,
      fixedOverflowWidgets: true,
      ariaLabel: label,
    });
    editorRef.current = editor;
    const subscription = editor.onDidChangeModelContent(() => latest.current.onChange(editor.getValue()));
    return () => {
      subscription.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [label]);

  // A template picked or a link opened replaces the script; the learner's own typing already matches.
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== value) editor.setValue(value);
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const line = marker && Math.min(Math.max(marker.line, 1), model.getLineCount());
    const markers = line
      ? [
          {
            startLineNumber: line,
            startColumn: 1,
            endLineNumber: line,
            endColumn: model.getLineMaxColumn(line),
            message: marker.message,
            severity: monaco.MarkerSeverity.Error,
          },
        ]
      : [];
    monaco.editor.setModelMarkers(model, 'race', markers);
  }, [marker, value]);

  return <div ref={container} className={styles.editor} data-testid={testId} />;
}
