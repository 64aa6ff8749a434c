// Core layer: every failure the code can name, and the only home of error classes outside the adapters' own. Only
// the HTTP edge maps them to status codes: a DomainError is the caller's to fix (4xx); the mail and turn errors at
// the end are not, and stay plain Errors (a 500 if one ever reached the edge; the deliver step and the queue decide
// what is tried again).

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
    /**
     * The rule each problem broke, by its index, for a caller that words it itself (the console, in the operator's
     * language): zod's issue code (`too_small`, `too_big`, `invalid_format`…) or a refinement's own (`binary`,
     * `markup_only`). Not part of API bodies, which give the problems' words.
     */
    readonly reasons: readonly string[] = [],
  ) {
    super(message);
  }
}

/** retired_key: signed with a key whose grace period after rotation is over. */
export type TokenFailure = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' | 'retired_key';

export class InvalidTokenError extends DomainError {
  readonly code = 'invalid_token';
  constructor(readonly reason: TokenFailure) {
    super(
      reason === 'expired' || reason === 'retired_key'
        ? 'The link has expired; subscribe again, or use the link in a more recent email.'
        : 'The link is not valid; check that it was copied whole.',
    );
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** A console sign-in link that is unknown, used, expired, or names an address that is no operator's any more. */
export class SignInLinkRefusedError extends NotFoundError {
  constructor() {
    super(
      'This sign-in link does not work: it was used, it is more than 15 minutes old, or its address is no operator’s.',
    );
  }
}

/** A client sent more requests than it may in a minute: it may try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests from this network; try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Why a report was turned away before any summarizing: the caller has to send different content. */
export type ReportRejection = 'empty' | 'single_sentence' | 'too_large' | 'binary' | 'markup_only';

const REJECTION_MESSAGES: Record<ReportRejection, string> = {
  empty: 'The report has no text.',
  single_sentence: 'The report is a single sentence: there is nothing to summarize.',
  too_large: 'The report is too large.',
  binary: 'The report is not text: it looks like binary data.',
  markup_only: 'The report holds only markup (HTML or XML tags) and no text.',
};

/** A report whose content can never be summarized; `reason` says what is wrong with it. */
export class ReportRejectedError extends InvalidInputError {
  constructor(
    readonly reason: ReportRejection,
    message: string = REJECTION_MESSAGES[reason],
    problems?: InputProblem[],
  ) {
    super(message, problems);
  }
}

/**
 * How a message was refused. throttled: SES answered that we send too fast. answered: SES answered with another
 * error (a 4xx, a 5xx). unreached: the request never reached SES (no connection, a certificate not trusted).
 */
export type Refusal = 'throttled' | 'answered' | 'unreached';

/** The mailer's word that the message was not sent: trying again is safe. */
export class MailRefusedError extends Error {
  constructor(
    message: string,
    readonly refusal: Refusal = 'answered',
  ) {
    super(message);
    this.name = 'MailRefusedError';
  }

  /** SES said to slow down: the caller should back off before the next try. */
  get throttled(): boolean {
    return this.refusal === 'throttled';
  }

  /** SES got the call, and counts it against the account's rate whatever it answered. */
  get reachedSes(): boolean {
    return this.refusal !== 'unreached';
  }
}

/** The mailer's word that the message may or may not have been sent: trying again risks a duplicate. */
export class MailOutcomeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailOutcomeUnknownError';
  }
}

/**
 * The turn must come again later: SES refused the message (safe to repeat), or another attempt holds the claim
 * and has not recorded yet. The queue hands the turn out again; after its last try the reader is dead-lettered.
 */
export class TurnDeferredError extends Error {
  constructor(
    message: string,
    /** SES said to slow down. */
    readonly throttled = false,
  ) {
    super(message);
    this.name = 'TurnDeferredError';
  }
}

/**
 * Why a fetch brought back nothing usable. invalid_url: not an absolute http(s) URL. refused_address: the host is,
 * or resolves to, an address that is not public unicast. refused_redirect: a redirect to such an address, to
 * another scheme, or from https to http. too_many_redirects: more than 4. timeout: no connection in 10 s, or no
 * whole answer in 20 s. too_large: more than 5 MB once decompressed. http_status: an answer but 200 or 304.
 * unreachable: the name does not resolve, or the connection failed.
 */
export type WebFetchFailure =
  | 'invalid_url'
  | 'refused_address'
  | 'refused_redirect'
  | 'too_many_redirects'
  | 'timeout'
  | 'too_large'
  | 'http_status'
  | 'unreachable'
  /** A redirect led to a host that other requests of ours keep busy: not tried now (requests-per-host.ts). */
  | 'host_busy';

/**
 * The fetcher's word that it brought back no document. The message is for an editor (it becomes a source's
 * lastError) and names no address the host resolved to.
 */
export class WebFetchError extends Error {
  constructor(
    readonly reason: WebFetchFailure,
    message: string,
    /** The HTTP status, for http_status. */
    readonly status?: number,
    /** The answer's Retry-After, as sent, for a 429 or 503. */
    readonly retryAfter?: string,
  ) {
    super(message);
    this.name = 'WebFetchError';
  }
}

/** A text that is no feed we can read (or one we refuse to expand); the message says which, for an editor. */
export class FeedUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedUnreadableError';
  }
}

/** A feed address whose host is, or resolves to, an address that is not public: Mujaz does not fetch it. */
export class AddressRefusedError extends DomainError {
  readonly code = 'refused_address';
}

/** An address that is fine, but gave no feed we could read (it answered an error, too slowly, or no feed). */
export class FeedUnavailableError extends DomainError {
  readonly code = 'feed_unavailable';
}

/** What the request would create exists already: `existingId` names it. */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly existingId: string,
  ) {
    super(message);
  }
}

/** A report an edition took already goes out (or went out) as it was taken: an edit cannot change it. */
export class ReportInEditionError extends DomainError {
  readonly code = 'in_edition';
  constructor(readonly editionId: string) {
    super(
      `The report is in edition ${editionId} already, as it was when the edition took it; only a report that waits for an edition can be edited.`,
    );
  }
}

/** A source that is paused or disabled cannot be polled: resume it first. */
export class SourceNotActiveError extends DomainError {
  readonly code = 'source_not_active';
}
