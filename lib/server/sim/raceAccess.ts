import 'server-only';
import { randomBytes } from 'node:crypto';
import { DomainError, type FailureKind } from '../errors';
import { channelFeed, publish } from '../redis/channelFeed';
import { appRedis } from '../redis/client';
import { namespaceById, type Namespace } from '../session/namespace';
import { admitMember, LIMITS, type SimRun } from './runs';
import { keysOf } from './raceKeys';
import { logFailure } from '../log/logger';

/**
 * Sessions other than the owner in a race, whichever app instance their requests reach: viewers
 * (a class race's teacher and participants) and the participants' browsers as clients.
 *
 * A viewer's right to read is kept in the viewer's own namespace (`viewing:<race>` → the owner's
 * namespace id), so a request names only the race and any instance finds where its copy lives.
 * A client must join the race in the process that runs it, so an instance that does not run the
 * race forwards the admission over the race's sharded channel and waits for the runner's answer.
 */
const viewingKey = (viewer: Namespace, id: string) => viewer.keys.viewing(id);
/** How long a forwarded admission waits for the runner; a class race admits for a few seconds only. */
const ANSWER_WITHIN_MS = 5_000;

export async function grantViewer(owner: Namespace, viewer: Namespace, id: string): Promise<void> {
  if (viewer.id !== owner.id) await appRedis().set(viewingKey(viewer, id), owner.id, 'PX', LIMITS.keptForMs);
}

/** The namespace that owns a race this session was let in to view, if it was. */
export async function viewedOwner(viewer: Namespace, id: string): Promise<Namespace | undefined> {
  const owner = await appRedis().get(viewingKey(viewer, id));
  return owner ? namespaceById(owner) : undefined;
}

/** The lane a session got in a race another instance runs, as the runner last stored it. */
export async function storedLane(owner: Namespace, id: string, member: Namespace): Promise<number | undefined> {
  const lane = await appRedis().hget(keysOf(owner, id).admitted, member.id);
  return lane === null ? undefined : Number(lane);
}

interface AdmissionRequest {
  reply: string;
  member: string;
  label: string;
}
type AdmissionAnswer = { reply: string } & ({ client: number } | { kind: FailureKind; error: string });

/** The runner's side: lets in the sessions other instances forward while the race runs. Resolves once listening. */
export async function serveAdmissions(owner: Namespace, run: SimRun): Promise<void> {
  const keys = keysOf(owner, run.id);
  const answer = ({ reply, member, label }: AdmissionRequest) => {
    let outcome: { client: number } | { kind: FailureKind; error: string };
    try {
      // Asking again (a browser that reloads) answers the same lane.
      outcome = { client: run.admitted.get(member) ?? admitMember(run, member, label).client };
    } catch (error) {
      outcome =
        error instanceof DomainError
          ? { kind: error.kind, error: error.message }
          : { kind: 'unavailable', error: `The race could not let you in: ${String(error)}` };
    }
    void publish(keys.answers, JSON.stringify({ reply, ...outcome } satisfies AdmissionAnswer)).catch(
      logFailure('answering a forwarded admission', { race: run.id }),
    );
  };
  const stop = await channelFeed().listen(keys.admit, (message) => answer(JSON.parse(message) as AdmissionRequest));
  void run.finished.then(stop);
}

/** Asks the instance that runs a race to let a session in as one more client; answers its lane, or throws the runner's DomainError. */
export async function forwardAdmission(owner: Namespace, id: string, member: Namespace, label: string): Promise<number> {
  const keys = keysOf(owner, id);
  const reply = randomBytes(8).toString('hex');
  let settle!: (answer: AdmissionAnswer) => void;
  const answered = new Promise<AdmissionAnswer>((resolve) => (settle = resolve));
  // Listen before asking, so the answer cannot come first.
  const stop = await channelFeed().listen(keys.answers, (message) => {
    const answer = JSON.parse(message) as AdmissionAnswer;
    if (answer.reply === reply) settle(answer);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    // Nobody listens once the race is over (or its instance went away).
    const heard = await publish(keys.admit, JSON.stringify({ reply, member: member.id, label } satisfies AdmissionRequest));
    if (heard === 0) throw new DomainError('conflict', 'This race has finished; wait for the next one.');
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DomainError('unavailable', 'The app instance running this race did not answer in time. Try again.')),
        ANSWER_WITHIN_MS,
      );
    });
    const answer = await Promise.race([answered, late]);
    if ('client' in answer) return answer.client;
    throw new DomainError(answer.kind, answer.error);
  } finally {
    clearTimeout(timer);
    stop();
  }
}
