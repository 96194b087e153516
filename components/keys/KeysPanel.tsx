'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { useAppStore, type KeyEntry, type StreamStatus } from '@/lib/stores';
import { KeyEventLog } from './KeyEventLog';
import { KeyRow } from './KeyRow';
import styles from './KeysPanel.module.css';
import { useKeyEvents } from './useKeyEvents';

const STATUS_TEXT: Partial<Record<StreamStatus, string>> = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  unavailable: 'Redis is unreachable; reconnecting…',
};

/** Where a lesson's step draws the state it waits for, beside the keys it is compared with. */
export const STEP_GOAL_SLOT_ID = 'step-goal';

const byName = (a: KeyEntry, b: KeyEntry) => (a.view.key < b.view.key ? -1 : a.view.key > b.view.key ? 1 : 0);

function Legend() {
  return (
    <ul className={styles.legend} aria-label="Legend">
      <li>
        <span className={`${styles.swatch} ${styles.cache}`} aria-hidden="true" /> cache <code>cache:*</code>
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.lock}`} aria-hidden="true" /> lock <code>*:lock</code>
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.other}`} aria-hidden="true" /> other
      </li>
    </ul>
  );
}

/** Every key of this session, live: what Redis holds, and how long each key has left. */
export function KeysPanel() {
  useKeyEvents();
  const keys = useAppStore((state) => state.keys);
  const hubMode = useAppStore((state) => state.hubMode);
  const status = useAppStore((state) => state.streamStatus);
  const highlightedKeys = useAppStore((state) => state.highlightedKeys);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);

  const sorted = useMemo(() => [...keys.values()].sort(byName), [keys]);
  const shown = useMemo(() => {
    const needle = deferredFilter.trim().toLowerCase();
    return needle ? sorted.filter((entry) => entry.view.key.toLowerCase().includes(needle)) : sorted;
  }, [sorted, deferredFilter]);
  const highlighted = useMemo(() => new Set(highlightedKeys), [highlightedKeys]);
  const statusText = STATUS_TEXT[status];

  return (
    <div className={styles.column}>
      <div id={STEP_GOAL_SLOT_ID} className={styles.goalSlot} />
      <section className={styles.panel} aria-labelledby="keys-heading">
        <div className={styles.header}>
          <h2 id="keys-heading" className="panel-title">
            Keys <span className={`count-badge ${styles.count}`}>{keys.size}</span>
          </h2>
          {statusText ? (
            <span className={styles.status} role="status" data-testid="keys-status" data-status={status}>
              <span className={styles.spinner} aria-hidden="true" />
              {statusText}
            </span>
          ) : null}
        </div>
        {hubMode === 'poll' ? (
          <p className={styles.note} data-testid="keys-poll-note">
            This Redis does not allow keyspace notifications; keys refresh once a second.
          </p>
        ) : null}
        <div className={styles.tools}>
          <input
            type="search"
            className={styles.filter}
            placeholder="Filter keys"
            aria-label="Filter keys"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <Legend />
        </div>
        {shown.length === 0 ? (
          <p className={styles.empty}>{keys.size === 0 ? 'No keys yet. Run a SET to see one appear here.' : 'No key matches the filter.'}</p>
        ) : (
          <ul className={styles.list} aria-label="Keys of this session">
            {shown.map((entry) => (
              <KeyRow key={entry.view.key} view={entry.view} live={entry.live} highlighted={highlighted.has(entry.view.key)} />
            ))}
          </ul>
        )}
      </section>
      <KeyEventLog />
    </div>
  );
}
