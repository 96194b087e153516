'use client';

import { useRef, type RefObject } from 'react';
import { runScript } from '@/components/console/runScript';
import styles from './RedisEditor.module.css';
import { useRedisEditor } from './useRedisEditor';

const actions = {
  onRunAll: (script: string) => void runScript(script),
  onRunPart: (text: string, firstLine: number) => void runScript(text, firstLine),
};

/**
 * Monaco itself; loaded with `ssr: false` because Monaco needs the DOM as soon as it is imported.
 * It takes over from the light editor in `takeOver`, then calls `onReady`.
 */
export default function RedisEditor({ takeOver, onReady }: { takeOver: RefObject<HTMLTextAreaElement | null>; onReady: () => void }) {
  const container = useRef<HTMLDivElement>(null);
  useRedisEditor(container, actions, takeOver, onReady);
  return <div ref={container} className={styles.editor} />;
}
