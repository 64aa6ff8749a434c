import { ReportRejectedError, type ReportRejection } from '../../../lambdas/core/domain/errors';
import type { Logger } from '../../../lambdas/core/ports/logger';
import { errorResponse } from '../../../lambdas/http/http-errors';

describe('errorResponse for a ReportRejectedError', () => {
  const reasons: ReportRejection[] = ['empty', 'single_sentence', 'too_large', 'binary', 'markup_only'];

  it('reaches HTTP callers as a 400 invalid_input, like any invalid input, with its reason', () => {
    const logger: Logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const { status, body } = errorResponse(new ReportRejectedError('markup_only'), logger);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.reason).toBe('markup_only');
    expect(logger.error).not.toHaveBeenCalled();
  });

  it.each(reasons)("maps '%s' to 413 when too large and 400 otherwise, never to 5xx", (reason) => {
    const logger: Logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const { status, body } = errorResponse(new ReportRejectedError(reason), logger);
    expect(status).toBe(reason === 'too_large' ? 413 : 400);
    expect(body.error).toMatchObject({
      code: 'invalid_input',
      reason,
      message: new ReportRejectedError(reason).message,
    });
    expect(logger.error).not.toHaveBeenCalled();
  });
});
