// HTTP edge: what the core refused, in the operator's language. The core's messages are English, for the API and
// the CLI; a console page says the same in its own words, chosen by the error's kind, its reason and the field it
// names — never by matching the English text. A refusal with no words of its own gets a general sentence.
import type { ConsoleLabels } from '../core/domain/console-labels';
import {
  AddressRefusedError,
  ConflictError,
  FeedUnavailableError,
  type InputProblem,
  InvalidInputError,
  NotFoundError,
  ReportRejectedError,
  type ReportRejection,
  SourceNotActiveError,
} from '../core/domain/errors';
import { MAX_EDITED_SUMMARY_LENGTH } from '../core/domain/report-edit';
import { fill } from './console-format';
import { HttpProblem } from './http-errors';

const REPORT_REJECTIONS: Record<ReportRejection, (words: ConsoleLabels) => string> = {
  empty: (words) => words.refusalReportEmpty,
  single_sentence: (words) => words.refusalReportSingleSentence,
  too_large: (words) => words.refusalReportTooLarge,
  binary: (words) => words.refusalReportBinary,
  markup_only: (words) => words.refusalReportMarkupOnly,
};

/** An input problem by its field and reason; undefined where the console has no words of its own for it. */
function problemWords(problem: InputProblem, reason: string | undefined, words: ConsoleLabels): string | undefined {
  switch (problem.field) {
    case 'summary':
      switch (reason) {
        case 'too_small':
          return words.refusalSummaryEmpty;
        case 'too_big':
          return fill(words.refusalSummaryTooLong, { max: String(MAX_EDITED_SUMMARY_LENGTH) });
        case 'binary':
          return words.refusalSummaryBinary;
        case 'markup_only':
          return words.refusalSummaryMarkupOnly;
      }
      return undefined;
    case 'url':
      return words.refusalUrl;
    case 'email':
      return words.refusalEmail;
    default:
      return undefined;
  }
}

/** HTTP's own refusals of a console form (an upload): by their code. */
function httpProblemWords(problem: HttpProblem, words: ConsoleLabels): string {
  switch (problem.code) {
    case 'invalid_csv':
      return words.refusalCsv;
    case 'invalid_form':
      return words.refusalFile;
    case 'invalid_encoding':
      return words.refusalEncoding;
    case 'payload_too_large':
      return words.refusalTooLarge;
    default:
      return words.refusalOther;
  }
}

/** The refusal `error` stands for, as a console page says it in the operator's language. */
export function refusalWords(error: unknown, words: ConsoleLabels): string {
  if (error instanceof ReportRejectedError) return REPORT_REJECTIONS[error.reason](words);
  if (error instanceof InvalidInputError) {
    const sentences = error.problems.map(
      (problem, index) =>
        problemWords(problem, error.reasons[index], words) ??
        fill(words.refusalField, { field: problem.field === '' ? '—' : problem.field }),
    );
    return [...new Set(sentences)].join(' ');
  }
  if (error instanceof NotFoundError) return words.refusalNotFound;
  if (error instanceof AddressRefusedError) return words.refusalAddress;
  if (error instanceof FeedUnavailableError) return words.refusalUnavailable;
  if (error instanceof ConflictError) return words.refusalConflict;
  if (error instanceof SourceNotActiveError) return words.refusalSourceNotActive;
  if (error instanceof HttpProblem) return httpProblemWords(error, words);
  return words.refusalOther;
}
