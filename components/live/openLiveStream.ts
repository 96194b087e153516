const FIRST_REOPEN_MS = 1_000;
const MAX_REOPEN_MS = 5_000;

/**
 * An EventSource that outlives outages. The browser retries a dropped stream by itself (the server
 * asks for `retry: 1000`) but gives up for good on a refused one (a 401 or 503 answer while Redis
 * is down), so this opens a new one, a little later each time. `listen` adds the listeners to each
 * new source; a listener that closes its source ends the stream for good. Answers a function that
 * closes it.
 */
export function openLiveStream(url: string, listen: (source: EventSource) => void, onError?: () => void): () => void {
  let source: EventSource | undefined;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_REOPEN_MS;

  const open = () => {
    const current = new EventSource(url);
    source = current;
    listen(current);
    current.onopen = () => {
      delay = FIRST_REOPEN_MS;
    };
    current.onerror = () => {
      onError?.();
      if (current.readyState !== EventSource.CLOSED) return;
      reopen = setTimeout(open, delay);
      delay = Math.min(delay * 2, MAX_REOPEN_MS);
    };
  };

  open();
  return () => {
    clearTimeout(reopen);
    source?.close();
  };
}
