import { describe, expect, it } from 'vitest';
import { DomainError, type FailureKind } from '../errors';
import { UnknownLessonError } from '../lessons/service';
import { errorAnswer, HttpError } from './errors';

describe('errorAnswer', () => {
  const kinds: [FailureKind, number][] = [
    ['invalid', 400],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['too-large', 413],
    ['refused', 422],
    ['over-quota', 429],
    ['unavailable', 503],
  ];
  it.each(kinds)('answers a domain failure of kind %s with %i and its sentence', (kind, status) => {
    expect(errorAnswer(new DomainError(kind, 'Why, in a sentence.'))).toMatchObject({ status, body: '{"error":"Why, in a sentence."}' });
  });

  it('says when to try again, for a limit that frees up by itself', () => {
    expect(errorAnswer(new DomainError('over-quota', 'Wait.', 2.2)).headers).toMatchObject({ 'retry-after': '3' });
    expect(errorAnswer(new DomainError('over-quota', 'Wait.')).headers).not.toHaveProperty('retry-after');
  });

  it('answers a lesson that is gone (a room closed mid-request) with 404, not 500', () => {
    expect(errorAnswer(new UnknownLessonError('pasted-one'))).toMatchObject({
      status: 404,
      body: expect.stringContaining('There is no lesson called \\"pasted-one\\"'),
    });
  });

  it('keeps an HttpError status, 503 for Redis down and 500 with a sentence for the unexpected', () => {
    expect(errorAnswer(new HttpError(413, 'Too big.'))).toMatchObject({ status: 413 });
    expect(errorAnswer(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toMatchObject({ status: 503 });
    expect(errorAnswer(new TypeError('x is undefined'))).toMatchObject({ status: 500, body: expect.stringContaining('did not expect') });
  });
});
