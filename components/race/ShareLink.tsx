'use client';

import { useState } from 'react';
import { useAppStore } from '@/lib/stores';
import styles from './Race.module.css';
import { shareQuery } from './shareLink';

/** Copies a link that opens this race's settings and seed, so a class can replay the same race. */
export function ShareLink() {
  const settings = useAppStore((state) => state.raceSettings);
  const compareWith = useAppStore((state) => state.compareWith);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const url = `${window.location.origin}/race?${shareQuery({ settings, compareWith })}`;
    window.history.replaceState(null, '', url);
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <button type="button" className={styles.button} onClick={() => void copy()}>
      {copied ? 'Link copied' : 'Copy share link'}
    </button>
  );
}
