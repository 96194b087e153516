'use client';

import { useRef } from 'react';
import { runScript } from '@/components/console/runScript';
import styles from './RedisEditor.module.css';
import { useRedisEditor } from './useRedisEditor';

const actions = {
  onRunAll: (script: string) => void runScript(script),
  onRunPart: (text: string, firstLine: number) => void runScript(text, firstLine),
};

/** Monaco itself; loaded with `ssr: false` because Monaco needs the DOM as soon as it is imported. */
export default function RedisEditor() {
  const container = useRef<HTMLDivElement>(null);
  useRedisEditor(container, actions);
  return <div ref={container} className={styles.editor} data-testid="editor" />;
}
