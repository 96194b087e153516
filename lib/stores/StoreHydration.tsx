'use client';

import { useEffect } from 'react';
import { useAppStore } from './index';

/** Loads the saved script and history once the page is interactive. Renders nothing. */
export function StoreHydration(): null {
  useEffect(() => {
    // `persist` is absent when the browser refuses localStorage (e.g. some sandboxed iframes).
    void useAppStore.persist?.rehydrate();
  }, []);
  return null;
}
