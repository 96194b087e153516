import type { FaultKind } from '@/lib/sim/faults';
import type { SimSettings } from '@/lib/sim/settings';
import type { KeyEvent, SimEvent, Summary } from '@/lib/sim/types';

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `The server answered ${response.status}.`;
}

export async function startRace(settings: SimSettings): Promise<string> {
  const response = await fetch('/api/sim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  if (!response.ok) throw new Error(await errorOf(response));
  return ((await response.json()) as { id: string }).id;
}

export async function sendFault(id: string, kind: FaultKind): Promise<void> {
  const response = await fetch(`/api/sim/${id}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind }) });
  if (!response.ok) throw new Error(await errorOf(response));
}

interface Handlers {
  /** `labels`: lanes that got a participant's name since the previous frame (a class race). */
  onEvents(events: SimEvent[], summary?: Summary, labels?: Record<number, string>, keyEvents?: KeyEvent[]): void;
  onDone(status: 'done' | 'failed', summary: Summary | null, error?: string): void;
}

/** Follows a race over SSE until it ends; resolves once `done` has been handled. */
export function followRace(id: string, handlers: Handlers): Promise<void> {
  return new Promise((resolve) => {
    const source = new EventSource(`/api/sim/${id}/events`);
    source.addEventListener('events', (message) => {
      type Frame = { events: SimEvent[]; summary?: Summary; labels?: Record<number, string>; keyEvents?: KeyEvent[] };
      const { events, summary, labels, keyEvents } = JSON.parse((message as MessageEvent<string>).data) as Frame;
      handlers.onEvents(events, summary, labels, keyEvents);
    });
    source.addEventListener('done', (message) => {
      const { status, summary, error } = JSON.parse((message as MessageEvent<string>).data) as { status: 'done' | 'failed'; summary: Summary; error?: string };
      source.close();
      handlers.onDone(status, summary, error);
      resolve();
    });
    // The server closes the stream after `done`; any other close means we lost it.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        handlers.onDone('failed', null, 'Lost the connection to the race.');
        resolve();
      }
    };
  });
}
