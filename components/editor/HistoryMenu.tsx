'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useAppStore, type HistoryEntry } from '@/lib/stores';
import styles from './HistoryMenu.module.css';

/** A one-line summary of a script: its first command, and how many more follow. */
function preview(script: string): { first: string; more: number } {
  const lines = script.split('\n').filter((l) => l.trim() !== '' && !/^\s*(#|\/\/)/.test(l));
  return { first: lines[0]?.trim() ?? script.trim(), more: Math.max(0, lines.length - 1) };
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function HistoryItem({ entry, onPick }: { entry: HistoryEntry; onPick: () => void }) {
  const { first, more } = preview(entry.script);
  return (
    <li>
      <button type="button" className={styles.item} onClick={onPick} title={entry.script}>
        <code className={styles.command}>{first}</code>
        <span className={styles.meta}>
          {more > 0 ? `+${more} more · ` : ''}
          {time(entry.at)}
        </span>
      </button>
    </li>
  );
}

/** Earlier scripts, newest first; picking one puts it back in the editor. */
export function HistoryMenu() {
  const history = useAppStore((state) => state.history);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  const pick = (script: string) => {
    useAppStore.getState().loadScript(script);
    setOpen(false);
  };

  return (
    <div className={styles.root} ref={root}>
      <button type="button" className={styles.toggle} aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        History
      </button>
      {open && (
        <div className={styles.popover} id={listId}>
          {history.length === 0 ? (
            <p className={styles.empty}>Scripts you run will appear here.</p>
          ) : (
            <ol className={styles.list} aria-label="Earlier scripts">
              {history.map((entry) => (
                <HistoryItem key={`${entry.at}-${entry.script}`} entry={entry} onPick={() => pick(entry.script)} />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
