import type { ClientOutcome } from './clientRuns';

/** A real client let into a class race: its lane, and, once it is done, how it fared. */
export interface AdmittedClient {
  client: number;
  finished: Promise<{ outcome: ClientOutcome; latencyMs: number }>;
}

/** `admit` outside the admission window; the message says why, for the participant. */
export class AdmissionClosed extends Error {}

/** A class race's door: open for `windowMs` after the start, until the race is over. */
export class Admission {
  /** Real clients let in so far. */
  count = 0;
  /** Display names of labelled lanes (a class race's participants), by client index. */
  readonly labels = new Map<number, string>();
  private open: boolean;

  constructor(readonly windowMs: number) {
    this.open = windowMs > 0;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Throws AdmissionClosed unless a client may come in now, `elapsed` ms into the race. */
  check(elapsed: number, finished: boolean): void {
    if (finished) throw new AdmissionClosed('This race has finished; wait for the next one.');
    if (this.windowMs <= 0) throw new AdmissionClosed('This race takes no clients from outside; only a class race does.');
    if (!this.open || elapsed >= this.windowMs) {
      throw new AdmissionClosed(`This race stopped letting clients in ${(this.windowMs / 1000).toLocaleString('en')} s after it began.`);
    }
  }

  close(): void {
    this.open = false;
  }
}
