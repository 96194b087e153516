'use client';

import { runScript } from '@/components/console/runScript';
import type { Block } from '@/lib/lessons/types';
import { useAppStore } from '@/lib/stores';
import styles from './Blocks.module.css';
import panelStyles from './LessonPanel.module.css';

/** Text with `backticks` as inline code; React escapes everything, so content never becomes markup. */
export function InlineText({ text }: { text: string }) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

function CodeBlock({ code }: { code: string }) {
  const running = useAppStore((state) => state.running);
  return (
    <div className={styles.codeBlock}>
      <pre className={panelStyles.code}>{code}</pre>
      <div className={styles.codeActions}>
        <button type="button" className={styles.darkButton} onClick={() => useAppStore.getState().loadScript(code)} title="Replace the editor's text with this">
          Insert
        </button>
        <button type="button" className={styles.darkButton} disabled={running} onClick={() => void runScript(code)} title="Run this now">
          Run<span className="visually-hidden"> this example</span>
        </button>
      </div>
    </div>
  );
}

export function Blocks({ blocks }: { blocks: Block[] }) {
  return blocks.map((block, i) => {
    if (block.kind === 'code') return <CodeBlock key={i} code={block.code} />;
    return (
      <p key={i} className={block.kind === 'note' ? styles.note : styles.text}>
        <InlineText text={block.text} />
      </p>
    );
  });
}
