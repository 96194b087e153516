'use client';

import { useEffect, useState } from 'react';
import type { DashboardView } from '@/lib/workshop/types';
import { claimTeacher, fetchDashboard } from './api';

const POLL_MS = 1_500;
const keyStore = (code: string) => `stampede-teacher-key:${code}`;

export interface DashboardState {
  view?: DashboardView;
  /** When the view arrived, on this browser's clock, to age "time on step" between polls. */
  receivedAt: number;
  error?: string;
  teacherKey?: string;
  refresh(): void;
}

/**
 * Takes the key from a teacher link (#key=…) out of the address bar, claims the room with it, then
 * keeps the dashboard fresh. The key stays in this tab so the teacher can copy the link again.
 */
export function useDashboard(code: string): DashboardState {
  const [state, setState] = useState<Omit<DashboardState, 'refresh'>>({ receivedAt: 0 });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      const outcome = await fetchDashboard(code);
      if (stopped) return;
      setState((s) => (outcome.ok ? { ...s, view: outcome.value, receivedAt: Date.now(), error: undefined } : { ...s, error: outcome.message }));
      timer = setTimeout(poll, POLL_MS);
    }
    async function start() {
      const key = new URLSearchParams(window.location.hash.slice(1)).get('key');
      if (key) {
        window.history.replaceState(null, '', window.location.pathname);
        const claimed = await claimTeacher(code, key);
        if (!claimed.ok) return setState((s) => ({ ...s, error: claimed.message }));
        sessionStorage.setItem(keyStore(code), key);
      }
      setState((s) => ({ ...s, teacherKey: sessionStorage.getItem(keyStore(code)) ?? undefined }));
      await poll();
    }
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [code, tick]);

  return { ...state, refresh: () => setTick((t) => t + 1) };
}
