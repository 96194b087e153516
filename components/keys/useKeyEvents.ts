import { useEffect } from 'react';
import { useAppStore } from '@/lib/stores';
import { parseKeyEvents, parseSnapshot } from './messages';

/** After an HTTP error the browser stops retrying on its own; this is how long we wait before we do. */
const REOPEN_MS = 1_000;

let users = 0;
let disconnect: (() => void) | undefined;

function connect(): () => void {
  const store = () => useAppStore.getState();
  let source: EventSource | undefined;
  let reopen: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    const current = new EventSource('/api/events');
    source = current;
    // Every (re)connect starts with a snapshot, which replaces whatever the panel held.
    current.addEventListener('snapshot', (e: MessageEvent<string>) => {
      const snapshot = parseSnapshot(e.data);
      if (snapshot) store().applySnapshot(snapshot);
    });
    current.addEventListener('keys', (e: MessageEvent<string>) => {
      const events = parseKeyEvents(e.data);
      if (events) store().applyKeyEvents(events);
    });
    current.addEventListener('unavailable', () => store().setStreamStatus('unavailable'));
    current.onerror = () => {
      store().setStreamStatus('reconnecting');
      // A dropped stream is retried by the browser (the server asks for `retry: 1000`); a refused
      // one (a 401 or 503 answer) is not, so open a new one ourselves.
      if (current.readyState === EventSource.CLOSED) {
        current.close();
        reopen = setTimeout(open, REOPEN_MS);
      }
    };
  };

  open();
  return () => {
    clearTimeout(reopen);
    source?.close();
  };
}

/**
 * Keeps the keys slice in step with `GET /api/events`. However many components use it, the page
 * holds one EventSource, closed when the last of them unmounts.
 */
export function useKeyEvents(): void {
  useEffect(() => {
    users += 1;
    disconnect ??= connect();
    return () => {
      users -= 1;
      if (users === 0) {
        disconnect?.();
        disconnect = undefined;
        useAppStore.getState().setStreamStatus('connecting');
      }
    };
  }, []);
}
