import { useEffect } from 'react';
import { useAppStore } from '@/lib/stores';
import { openLiveStream } from '@/components/live/openLiveStream';
import { parseKeyEvents, parseSnapshot } from './messages';

let users = 0;
let disconnect: (() => void) | undefined;

function connect(): () => void {
  const store = () => useAppStore.getState();
  return openLiveStream(
    '/api/events',
    (source) => {
      // Every (re)connect starts with a snapshot, which replaces whatever the panel held.
      source.addEventListener('snapshot', (e: MessageEvent<string>) => {
        const snapshot = parseSnapshot(e.data);
        if (snapshot) store().applySnapshot(snapshot);
      });
      source.addEventListener('keys', (e: MessageEvent<string>) => {
        const events = parseKeyEvents(e.data);
        if (events) store().applyKeyEvents(events);
      });
      source.addEventListener('unavailable', () => store().setStreamStatus('unavailable'));
    },
    () => store().setStreamStatus('reconnecting'),
  );
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
