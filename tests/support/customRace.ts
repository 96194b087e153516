import { POST as startRace } from '@/app/api/sim/route';
import { GET as readRace } from '@/app/api/sim/[id]/route';
import { setTimeout as sleep } from 'node:timers/promises';
import { browserSession, routeParams } from './browserSession';

/** A browser of its own session, starting races through the real route handlers. */
export function raceLearner() {
  const { session, request } = browserSession();
  return {
    namespace: session.namespace,
    async post(body: unknown): Promise<{ status: number; body: { id?: string; error?: string } }> {
      const response = await startRace(request('/api/sim', body));
      return { status: response.status, body: await response.json() };
    },
    /** The race's view once it is no longer running. */
    async finished(id: string): Promise<{
      status: string;
      error?: string;
      summary: { regenerations: number; served: number; failures: number; clients: number; commandsPerClient: number };
      events: { c: number; type: string; detail?: string }[];
    }> {
      for (;;) {
        const view = await (await readRace(request(`/api/sim/${id}`), routeParams({ id }))).json();
        if (view.status !== 'running') return view;
        await sleep(20);
      }
    },
    /** Posts a race and waits for its end; fails the test with the API's sentence if it did not start. */
    async race(body: unknown) {
      const started = await this.post(body);
      if (started.status !== 201) throw new Error(`race refused (${started.status}): ${started.body.error}`);
      return this.finished(started.body.id!);
    },
  };
}
