// HTTP edge: small pieces the console's list pages share (reports, readers, sources): a label's placeholders filled,
// a notice that says what went wrong. Every value escaped here.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConsoleLabels } from '../core/domain/console-labels';
import { DomainError } from '../core/domain/errors';
import { escapeHtml } from '../core/domain/html';
import type { Logger } from '../core/ports/logger';
import { refusalWords } from './console-refusals';
import { errorResponse, HttpProblem } from './http-errors';

/** What went wrong with a form, in a box a screen reader announces. */
export function problemNotice(message: string): string {
  return `<p class="problem" role="alert">${escapeHtml(message)}</p>`;
}

export function doneNotice(message: string): string {
  return `<p class="done" role="status">${escapeHtml(message)}</p>`;
}

/**
 * A console form refused by the core (bad input, refused address, no such thing…): the status the API gives for it,
 * and the refusal in the operator's words (console-refusals.ts: by the error's kind, reason and field, never by its
 * English message); undefined for anything else, which is answered as the fault it is.
 */
export function formRefusal(
  error: unknown,
  logger: Logger,
  words: ConsoleLabels,
): { status: ContentfulStatusCode; message: string } | undefined {
  if (!(error instanceof DomainError) && !(error instanceof HttpProblem)) return undefined;
  const { status } = errorResponse(error, logger);
  return { status: status as ContentfulStatusCode, message: refusalWords(error, words) };
}
