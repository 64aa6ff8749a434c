// What the core refuses, as a console page says it: the operator's language, chosen by the error's kind, reason and
// field — the core's English message never reaches the page.
import { consoleLabels } from '../../../lambdas/core/domain/console-labels';
import {
  AddressRefusedError,
  FeedUnavailableError,
  NotFoundError,
  ReportRejectedError,
} from '../../../lambdas/core/domain/errors';
import { parseReportEdit } from '../../../lambdas/core/domain/report-edit';
import { refusalWords } from '../../../lambdas/http/console-refusals';
import { HttpProblem } from '../../../lambdas/http/http-errors';

const caught = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was refused');
};

describe.each(['ar', 'en'] as const)('in %s', (language) => {
  const words = consoleLabels(language, 'Mujaz');

  it.each([
    ['an empty summary', () => caught(() => parseReportEdit({ summary: ' ' })), words.refusalSummaryEmpty],
    [
      'a summary of binary data',
      () => caught(() => parseReportEdit({ summary: '\u0000\u0001\u0002' })),
      words.refusalSummaryBinary,
    ],
    [
      'a summary of markup alone',
      () => caught(() => parseReportEdit({ summary: '<b></b>' })),
      words.refusalSummaryMarkupOnly,
    ],
    ['a report of one sentence', () => new ReportRejectedError('single_sentence'), words.refusalReportSingleSentence],
    ['an unknown report or source', () => new NotFoundError('No report has this id.'), words.refusalNotFound],
    ['a private address', () => new AddressRefusedError('That host is not public.'), words.refusalAddress],
    ['a feed that answered badly', () => new FeedUnavailableError('The feed answered 404.'), words.refusalUnavailable],
    [
      'a file that is no CSV',
      () => new HttpProblem(400, 'invalid_csv', 'The body is not valid CSV.'),
      words.refusalCsv,
    ],
  ])('words %s in the operator’s language, not the core’s', (_, refusal, expected) => {
    const error = refusal() as Error;
    const said = refusalWords(error, words);
    expect(said).toBe(expected);
    if (language === 'ar') expect(said).not.toContain(error.message);
  });
});
