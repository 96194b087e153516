import type { Random } from './types';

const MULBERRY32_STEP = 0x6d2b79f5;

/** mulberry32 (small, fast, and good enough to make a race reproducible from a 32-bit seed): the draw for a state. */
function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => mulberry32((state = (state + MULBERRY32_STEP) >>> 0));
}

/**
 * An independent stream per client, so a client's draws do not depend on how the real Redis
 * interleaved the others: the deterministic parts of a run stay deterministic. A plain object
 * rather than a closure, because a 10,000-client burst holds 10,000 of them at once.
 */
export class ClientStream {
  private state: number;

  constructor(seed: number, stream: number) {
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
  }

  next(): number {
    this.state = (this.state + MULBERRY32_STEP) >>> 0;
    return mulberry32(this.state);
  }
}

export function streamFor(seed: number, stream: number): Random {
  const source = new ClientStream(seed, stream);
  return () => source.next();
}

export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** Box–Muller. */
export function normal(random: Random, mean: number, sd: number): number {
  const u = 1 - random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
