import { requestOrThrow, withFields } from '@/lib/api/request';
import type { FaultKind } from '@/lib/sim/faults';
import type { SimSettings } from '@/lib/sim/settings';
import type { KeyEvent, SimEvent, Summary } from '@/lib/sim/types';

export async function startRace(settings: SimSettings): Promise<string> {
  const { id } = await requestOrThrow('/api/sim', { method: 'POST', body: settings, read: withFields<{ id: string }>('id'), what: 'start the race' });
  return id;
}

export async function sendFault(id: string, kind: FaultKind): Promise<void> {
  await requestOrThrow(`/api/sim/${encodeURIComponent(id)}/faults`, { method: 'POST', body: { kind }, read: (body) => body, what: 'send the fault' });
}

/** A race's settings as the server keeps them (the class race page reads them to draw its race). */
export async function raceSettings(id: string): Promise<SimSettings> {
  const { settings } = await requestOrThrow(`/api/sim/${encodeURIComponent(id)}?events=none`, {
    read: withFields<{ settings: SimSettings }>('settings'),
    what: 'read the race',
  });
  return settings;
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
