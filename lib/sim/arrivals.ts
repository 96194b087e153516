import { exponential, seededRandom } from './random';
import type { SimSettings } from './settings';

/** When each client arrives, in ms from the start of the run, in client order. */
export function arrivalTimes(settings: Pick<SimSettings, 'clients' | 'arrival' | 'windowMs' | 'seed'>): number[] {
  const random = seededRandom(settings.seed);
  const { clients, windowMs } = settings;
  switch (settings.arrival) {
    case 'burst':
      return new Array<number>(clients).fill(0);
    case 'window':
      return Array.from({ length: clients }, () => random() * windowMs).sort((a, b) => a - b);
    case 'poisson': {
      const meanGap = windowMs / Math.max(1, clients);
      let t = 0;
      return Array.from({ length: clients }, () => (t += exponential(random, meanGap)));
    }
  }
}
