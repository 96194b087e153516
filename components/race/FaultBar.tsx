'use client';

import { useState } from 'react';
import { FAULT_KINDS, FAULT_LABELS, type FaultKind } from '@/lib/sim/faults';
import { sendFault } from './api';
import styles from './Race.module.css';

/** Faults a teacher can throw at a running race. */
export function FaultBar({ raceId, running }: { raceId: string | null; running: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  const trigger = async (kind: FaultKind) => {
    if (!raceId) return;
    try {
      await sendFault(raceId, kind);
      setMessage(`${FAULT_LABELS[kind].label}: ${FAULT_LABELS[kind].explain}`);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  return (
    <div className={styles.faults} role="group" aria-label="Faults">
      <span className={styles.groupLabel}>Faults</span>
      {FAULT_KINDS.map((kind) => (
        // Enabled once the server has named the race: a click before that would have nowhere to go.
        <button
          key={kind}
          type="button"
          className={styles.faultButton}
          disabled={!running || !raceId}
          title={FAULT_LABELS[kind].explain}
          onClick={() => void trigger(kind)}
        >
          {FAULT_LABELS[kind].label}
        </button>
      ))}
      {message && (
        <p className={styles.faultMessage} role="status">
          {message}
        </p>
      )}
    </div>
  );
}
