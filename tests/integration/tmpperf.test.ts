import { it } from 'vitest';
import { race } from '../support/race';
it('perf', async () => {
  for (const strategy of ['lock-notify'] as const) {
    const { events } = await race({ clients: 10_000, strategy, backendLatencyMs: 300, lockTtlMs: 2000, seed: 1 });
    for (const type of ['request', 'miss', 'lock-won', 'lock-lost', 'backend-start', 'backend-end', 'notified', 'served-fresh']) {
      const ts = events.filter((e) => e.type === type).map((e) => e.t);
      console.log(type, ts.length, Math.min(...ts), Math.max(...ts));
    }
  }
}, 60_000);
