// HTTP edge: the one mapping from failures to status codes and JSON bodies. No internals ever reach a body.
import {
  ConflictError,
  DomainError,
  FeedUnavailableError,
  type InputProblem,
  InvalidInputError,
  InvalidTokenError,
  NotFoundError,
  RateLimitedError,
  ReportInEditionError,
  ReportRejectedError,
  type ReportRejection,
  SourceNotActiveError,
} from '../core/domain/errors';
import { redactEmails } from '../core/domain/redaction';
import type { Logger } from '../core/ports/logger';

type HttpProblemStatus = 400 | 401 | 403 | 404 | 405 | 413 | 415;

/** A failure that belongs to HTTP itself (no such route, wrong media type, body too large), not to the domain. */
export class HttpProblem extends Error {
  constructor(
    readonly status: HttpProblemStatus,
    readonly code: string,
    message: string,
    readonly extra: {
      /** For a report body over the limit: 'too_large', as the core says of a report over MAX_REPORT_BYTES. */
      reason?: ReportRejection;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export interface ErrorBody {
  /** `id`: for a conflict, what exists already; `edition`: the edition that took a report an edit was meant for. */
  error: { code: string; message: string; problems?: InputProblem[]; reason?: string; id?: string; edition?: string };
}

export type ErrorStatus = HttpProblemStatus | 409 | 422 | 429 | 500;

export interface ErrorResponse {
  status: ErrorStatus;
  body: ErrorBody;
  headers?: Record<string, string>;
}

export function errorResponse(error: unknown, logger: Logger): ErrorResponse {
  if (error instanceof HttpProblem) {
    const { reason, headers } = error.extra;
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(reason ? { reason } : {}) } },
      ...(headers ? { headers } : {}),
    };
  }
  // A report the core turned away: 400 with the reason, or 413 when it is too large (as a body over the limit is).
  if (error instanceof ReportRejectedError) {
    const status = error.reason === 'too_large' ? 413 : 400;
    const { code, message, reason, problems } = error;
    return { status, body: { error: { code, message, reason, problems } } };
  }
  if (error instanceof InvalidInputError) {
    return { status: 400, body: { error: { code: error.code, message: error.message, problems: error.problems } } };
  }
  if (error instanceof InvalidTokenError) {
    return { status: 400, body: { error: { code: error.code, message: error.message, reason: error.reason } } };
  }
  // The same body whoever the request was about: a limit must not tell one address from another.
  if (error instanceof RateLimitedError) {
    return {
      status: 429,
      body: { error: { code: error.code, message: error.message } },
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof NotFoundError)
    return { status: 404, body: { error: { code: error.code, message: error.message } } };
  if (error instanceof ConflictError)
    return { status: 409, body: { error: { code: error.code, message: error.message, id: error.existingId } } };
  if (error instanceof ReportInEditionError)
    return { status: 409, body: { error: { code: error.code, message: error.message, edition: error.editionId } } };
  if (error instanceof SourceNotActiveError)
    return { status: 409, body: { error: { code: error.code, message: error.message } } };
  // The address is fine, the request well formed: what is there is no feed we can read (yet).
  if (error instanceof FeedUnavailableError)
    return { status: 422, body: { error: { code: error.code, message: error.message } } };
  if (error instanceof DomainError)
    return { status: 400, body: { error: { code: error.code, message: error.message } } };
  logger.error('unhandled error', {
    error:
      error instanceof Error
        ? { name: error.name, message: redactEmails(error.message), stack: redactEmails(error.stack ?? '') }
        : redactEmails(String(error)),
  });
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side; try again later.' } },
  };
}
