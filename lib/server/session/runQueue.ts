import 'server-only';
import { DomainError } from '../errors';
import { processGlobal } from '../processGlobal';

/** Runs of one session waiting behind the one running; more than this is a flood, not a learner. */
const MAX_WAITING = 4;

interface Queue {
  tail: Promise<unknown>;
  waiting: number;
}

const queues = () => processGlobal('runQueues', () => new Map<string, Queue>());

/**
 * Runs `work` once the session's earlier runs on this app instance have finished. Each run is
 * bounded (runBudget.ts), so twenty parallel requests from one browser get twenty turns, not twenty
 * runs' worth of the shared Redis at once.
 */
export async function oneRunAtATime<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
  const queue = queues().get(sessionId) ?? { tail: Promise.resolve(), waiting: 0 };
  if (queue.waiting >= MAX_WAITING) {
    throw new DomainError('over-quota', 'Your earlier runs are still running. Wait for them to finish, then run again.');
  }
  queues().set(sessionId, queue);
  queue.waiting += 1;
  const turn = queue.tail.then(work, work);
  queue.tail = turn.catch(() => undefined);
  try {
    return await turn;
  } finally {
    queue.waiting -= 1;
    if (queue.waiting === 0) queues().delete(sessionId);
  }
}
