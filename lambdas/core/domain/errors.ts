// Core layer: the failures the domain can name. Only the HTTP edge maps them to status codes.

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface InputProblem {
  /** Dotted path of the offending field, '' for the input as a whole. */
  field: string;
  message: string;
}

/** Input that can never succeed as given: the caller must change it. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
  constructor(
    message: string,
    readonly problems: InputProblem[] = [{ field: '', message }],
  ) {
    super(message);
  }
}

export type TokenFailure = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired';

export class InvalidTokenError extends DomainError {
  readonly code = 'invalid_token';
  constructor(readonly reason: TokenFailure) {
    super(
      reason === 'expired'
        ? 'The link has expired; subscribe again to get a fresh one.'
        : 'The link is not valid; check that it was copied whole.',
    );
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}
