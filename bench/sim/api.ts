import type { Summary } from '../../lib/sim/types';
import { setTimeout as sleep } from 'node:timers/promises';

interface RaceView {
  status: 'running' | 'done' | 'failed';
  summary: Summary;
  error?: string;
}

/** Starts a race through the public API and waits for its summary, as the browser would. */
export async function raceOverApi(url: string, cookie: string, settings: Record<string, unknown>): Promise<RaceView> {
  const started = await fetch(`${url}/api/sim`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  if (started.status !== 201) throw new Error(`POST /api/sim answered ${started.status}: ${await started.text()}`);
  const { id } = (await started.json()) as { id: string };
  for (;;) {
    await sleep(200);
    const view = (await (await fetch(`${url}/api/sim/${id}?events=none`, { headers: { cookie } })).json()) as RaceView;
    if (view.status !== 'running') return view;
  }
}
