'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { BUILT_IN_IDS } from '@/lib/sim/settings';
import { STRATEGIES } from '@/lib/sim/strategies/registry';
import { classRacePath, startClassRace } from './api';
import styles from './Workshop.module.css';

/** Starts a race in which every participant's browser is a client, and takes the teacher to it. */
export function ClassRaceControl({ code, onMessage }: { code: string; onMessage(message: string): void }) {
  const router = useRouter();
  const [strategy, setStrategy] = useState<string>('lock-poll');
  const [simulatedClients, setSimulated] = useState(20);
  const [backendLatencyMs, setLatency] = useState(2_000);

  async function start() {
    const outcome = await startClassRace(code, { strategy, simulatedClients, backendLatencyMs });
    if (!outcome.ok) return onMessage(outcome.message);
    router.push(classRacePath(outcome.value.raceId));
  }

  return (
    <fieldset className={styles.controls}>
      <legend>Class race</legend>
      <select aria-label="Race strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
        {BUILT_IN_IDS.map((id) => (
          <option key={id} value={id}>
            {STRATEGIES[id].label}
          </option>
        ))}
      </select>
      <label>
        + simulated
        <input
          type="number"
          min={0}
          max={1000}
          value={simulatedClients}
          onChange={(e) => setSimulated(Number(e.target.value))}
          aria-label="Simulated clients"
        />
      </label>
      <label>
        backend ms
        <input
          type="number"
          min={0}
          max={10000}
          step={100}
          value={backendLatencyMs}
          onChange={(e) => setLatency(Number(e.target.value))}
          aria-label="Backend latency (ms)"
        />
      </label>
      <button type="button" onClick={start}>
        Start class race
      </button>
    </fieldset>
  );
}
