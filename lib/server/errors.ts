/**
 * A failure in the domain's own words: what kind it is, and one sentence for the learner. The
 * routes answer each kind with its HTTP status (lib/server/http/errors.ts); the domain never names one.
 */
export type FailureKind = 'not-found' | 'conflict' | 'over-quota' | 'refused';

export class DomainError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}
