import { POST as startRace } from '@/app/api/sim/route';
import { GET as readRace } from '@/app/api/sim/[id]/route';
import { issueSessionCookie, SESSION_COOKIE, verifySessionCookie } from '@/lib/server/session/cookie';
import { namespaceOf } from '@/lib/server/session/namespace';
import { sessionSecret } from '@/lib/server/session/secret';
import { setTimeout as sleep } from 'node:timers/promises';

/** A browser of its own session, starting races through the real route handlers. */
export function raceLearner() {
  const token = issueSessionCookie(sessionSecret());
  const cookie = `${SESSION_COOKIE}=${token}`;
  const namespace = namespaceOf(verifySessionCookie(token, sessionSecret())!);
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  return {
    namespace,
    async post(body: unknown): Promise<{ status: number; body: { id?: string; error?: string } }> {
      const response = await startRace(
        new Request('http://app/api/sim', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      );
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
        const view = await (await readRace(new Request(`http://app/api/sim/${id}`, { headers: { cookie } }), params(id))).json();
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
