/**
 * A failure in the domain's own words: what kind it is, and one sentence for the learner. The
 * routes answer each kind with its HTTP status (lib/server/http/errors.ts); the domain never names one.
 */
export type FailureKind =
  /** The request itself is malformed. */
  | 'invalid'
  /** Not for this session (a room it was removed from, a teacher's action by a participant). */
  | 'forbidden'
  | 'not-found'
  /** The state moved on (a race that finished, a prediction after its run). */
  | 'conflict'
  | 'too-large'
  /** Understood, and refused with a reason (a setting out of range, a script that does not compile). */
  | 'refused'
  /** A limit of the session's or the room's share (rate, races, joins). */
  | 'over-quota'
  /** Something the request needs is away for now (another app instance, Redis). */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** For a limit that frees up by itself: about how many seconds until it has. */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}
