import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors';
import { CAPACITY, checkShare, leaveLine, type Running } from './capacity';

const session = () => `s-${randomBytes(6).toString('hex')}`;
const racing = (...clients: number[]): Running[] => clients.map((n) => ({ owner: session(), clients: n }));
const refusal = (owner: string, clients: number, running: Running[], now?: number) => {
  try {
    checkShare(owner, clients, running, now);
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
};

describe('the fair share of an instance’s race capacity', () => {
  it('keeps room for small races while two 10,000-client races are wanted', () => {
    const heavy = racing(10_000);
    expect(refusal(session(), 100, heavy)).toBeUndefined();
    expect(refusal(session(), 1_000, heavy)).toBeUndefined();
    const waiting = session();
    const second = refusal(waiting, 10_000, heavy);
    expect(second?.kind).toBe('over-quota');
    expect(second?.message).toBe(
      "Races of more than 1,000 clients share 16,000 of this server's 20,000 clients, so that smaller races can always start; 10,000 are racing in them now, and yours needs 10,000. " +
        'You are first in line for it: run again in a few seconds (within 10 s, to keep your place), or race at most 1,000 clients now.',
    );
    leaveLine(waiting);
  });

  it('lets big races fill their pool, and no further', () => {
    expect(refusal(session(), 6_000, racing(10_000))).toBeUndefined();
    const over = session();
    expect(refusal(over, 1_001, racing(10_000, 6_000))?.kind).toBe('over-quota');
    leaveLine(over);
    const slots = CAPACITY.races - CAPACITY.keptForSmall.races;
    const many = racing(...Array<number>(slots).fill(1_001));
    const refused = session();
    expect(refusal(refused, 1_001, many)?.kind).toBe('over-quota');
    leaveLine(refused);
    // Small races still start beside them.
    expect(refusal(session(), 1_000, many)).toBeUndefined();
  });

  it('answers 429 to everyone only when the instance is full', () => {
    const full = racing(...Array<number>(20).fill(1_000));
    expect(refusal(session(), 1, full)?.message).toBe('The server is running as many races as it can right now. Try again in a few seconds.');
    expect(refusal(session(), 1, racing(...Array<number>(CAPACITY.races).fill(1)))?.kind).toBe('over-quota');
  });

  it('lets big races take turns in the order they asked', () => {
    const [first, second] = [session(), session()];
    const heavy = racing(10_000);
    const now = Date.now();
    expect(refusal(first, 10_000, heavy, now)?.message).toMatch(/You are first in line for it/);
    expect(refusal(second, 10_000, heavy, now + 1)?.message).toMatch(/1 session waits for it before you; you are 2nd in line/);
    // The pool is free again: the first in line gets it, even though the second asked since.
    expect(refusal(second, 10_000, [], now + 2)?.message).toMatch(/you are 2nd in line/);
    expect(refusal(first, 10_000, [], now + 3)).toBeUndefined();
    leaveLine(first);
    expect(refusal(second, 10_000, [], now + 4)).toBeUndefined();
    leaveLine(second);
  });

  it('gives up the place of a session that did not try again within 10 s', () => {
    const [gone, next] = [session(), session()];
    const now = Date.now();
    expect(refusal(gone, 10_000, racing(10_000), now)?.kind).toBe('over-quota');
    expect(refusal(next, 10_000, [], now + 1)?.kind).toBe('over-quota');
    expect(refusal(next, 10_000, [], now + CAPACITY.holdPlaceMs + 1)).toBeUndefined();
    leaveLine(next);
  });
});
