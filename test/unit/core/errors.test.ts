import {
  DomainError,
  InvalidInputError,
  InvalidTokenError,
  NotFoundError,
  ReportRejectedError,
  type ReportRejection,
} from '../../../lambdas/core/domain/errors';

describe('ReportRejectedError', () => {
  const reasons: ReportRejection[] = ['empty', 'single_sentence', 'too_large', 'binary', 'markup_only'];

  it.each(reasons)("is an InvalidInputError carrying the reason '%s'", (reason) => {
    const error = new ReportRejectedError(reason);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('invalid_input');
    expect(error.name).toBe('ReportRejectedError');
    expect(error.problems).toEqual([{ field: '', message: error.message }]);
  });

  it('has a distinct message for every reason', () => {
    const messages = reasons.map((reason) => new ReportRejectedError(reason).message);
    expect(new Set(messages).size).toBe(reasons.length);
    for (const message of messages) expect(message.length).toBeGreaterThan(10);
  });

  it('takes a custom message and problems', () => {
    const error = new ReportRejectedError('too_large', 'The report is 2 MB; the limit is 1 MB.', [
      { field: 'text', message: 'too large' },
    ]);
    expect(error.message).toBe('The report is 2 MB; the limit is 1 MB.');
    expect(error.problems).toEqual([{ field: 'text', message: 'too large' }]);
  });
});

describe('InvalidTokenError', () => {
  it('tells an expired link from a broken one', () => {
    for (const reason of ['expired', 'retired_key'] as const) {
      expect(new InvalidTokenError(reason).message).toBe(
        'The link has expired; subscribe again, or use the link in a more recent email.',
      );
    }
    for (const reason of ['malformed', 'bad_signature', 'wrong_purpose'] as const) {
      const error = new InvalidTokenError(reason);
      expect(error.reason).toBe(reason);
      expect(error.code).toBe('invalid_token');
      expect(error.message).toBe('The link is not valid; check that it was copied whole.');
    }
  });
});

describe('NotFoundError', () => {
  it("carries the code 'not_found', its name and the message it was given", () => {
    const error = new NotFoundError('This subscription no longer exists.');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('not_found');
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe('This subscription no longer exists.');
  });
});
