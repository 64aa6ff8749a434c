// HTTP edge: small pieces the console's list pages share (reports, readers, sources): a label's placeholders filled,
// a notice that says what went wrong. Every value escaped here.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../core/domain/errors';
import { escapeHtml } from '../core/domain/html';
import type { Logger } from '../core/ports/logger';
import { errorResponse, HttpProblem } from './http-errors';

/** A label with `{name}` placeholders filled in: the caller's values are escaped with the rest. */
export function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** What went wrong with a form, in a box a screen reader announces. */
export function problemNotice(message: string): string {
  return `<p class="problem" role="alert">${escapeHtml(message)}</p>`;
}

export function doneNotice(message: string): string {
  return `<p class="done" role="status">${escapeHtml(message)}</p>`;
}

/**
 * A console form refused by the core (bad input, refused address, no such thing…): the status and the words the API
 * gives for it, and each problem named; undefined for anything else, which is answered as the fault it is.
 */
export function formRefusal(
  error: unknown,
  logger: Logger,
): { status: ContentfulStatusCode; message: string } | undefined {
  if (!(error instanceof DomainError) && !(error instanceof HttpProblem)) return undefined;
  const { status, body } = errorResponse(error, logger);
  const problems = (body.error.problems ?? [])
    .filter((problem) => problem.field !== '' && problem.message !== body.error.message)
    .map((problem) => `${problem.field}: ${problem.message}`);
  return { status: status as ContentfulStatusCode, message: [body.error.message, ...problems].join(' ') };
}
