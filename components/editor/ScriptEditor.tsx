'use client';

import dynamic from 'next/dynamic';
import styles from './LuaEditor.module.css';

/** A Lua script editor (Monaco, Lua highlighting), loaded only when a page shows one. */
export const ScriptEditor = dynamic(() => import('./LuaEditor'), {
  ssr: false,
  loading: () => <div className={styles.loading}>Loading editor…</div>,
});
