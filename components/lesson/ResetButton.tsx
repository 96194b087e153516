'use client';

import { useState } from 'react';
import { useAppStore } from '@/lib/stores';
import { postLessonReset } from './api';
import styles from './LessonPanel.module.css';

/** Two clicks, because a reset deletes every key of the session, not only the lesson's. */
export function ResetButton({ slug, onReset }: { slug: string; onReset: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');

  const reset = async () => {
    setConfirming(false);
    const asked = useAppStore.getState().askProgress();
    const outcome = await postLessonReset(slug);
    if (!outcome.ok) return setMessage(outcome.message);
    useAppStore.getState().setLessonProgress(outcome.progress, asked);
    const n = outcome.deletedKeys ?? 0;
    setMessage(`Started over: ${n} ${n === 1 ? 'key' : 'keys'} deleted.`);
    onReset();
  };

  return (
    <div className={styles.reset}>
      {confirming ? (
        <>
          <span>Delete all your keys and this lesson&apos;s progress?</span>
          <button type="button" className={styles.danger} onClick={() => void reset()}>
            Delete and start over
          </button>
          <button type="button" className={styles.secondary} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className={styles.secondary} onClick={() => (setMessage(''), setConfirming(true))}>
          Reset lesson
        </button>
      )}
      <span role="status" className={styles.resetMessage}>
        {message}
      </span>
    </div>
  );
}
