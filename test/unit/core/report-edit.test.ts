// The rules of an editor's edit: one schema for every entry point, text cleaned as submissions are, bounds named in
// the problem; and what a digest then shows.
import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { shownSummary } from '../../../lambdas/core/domain/report';
import { isReportId, MAX_EDITED_SUMMARY_LENGTH, parseReportEdit } from '../../../lambdas/core/domain/report-edit';
import { MAX_PRIORITY, MIN_PRIORITY } from '../../../lambdas/core/domain/report-submission';

/** The problems an input is refused with, as the 400's body lists them. */
function problemsOf(input: unknown): Array<{ field: string; message: string }> {
  try {
    parseReportEdit(input);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

describe('parseReportEdit', () => {
  it('takes each field alone or together, and names in the edit only what was given', () => {
    expect(parseReportEdit({ hold: true })).toEqual({ held: true });
    expect(parseReportEdit({ hold: false })).toEqual({ held: false });
    expect(parseReportEdit({ priority: -4 })).toEqual({ priority: -4 });
    expect(parseReportEdit({ summary: 'Short and right.' })).toEqual({ editedSummary: 'Short and right.' });
    expect(parseReportEdit({ hold: false, priority: 2, summary: 'Both.' })).toEqual({
      held: false,
      priority: 2,
      editedSummary: 'Both.',
    });
  });

  it('restores the machine summary with null', () => {
    expect(parseReportEdit({ summary: null })).toEqual({ editedSummary: null });
  });

  it('cleans the summary as submitted text is cleaned: NFC, no invisible or control characters, a paragraph a line', () => {
    const sent = '  First\u200B line,\tspaced.\r\n\r\n\u202Eالفقرة\u202C الثانية\u0007 \nCafe\u0301.  ';
    expect(parseReportEdit({ summary: sent })).toEqual({
      editedSummary: 'First line, spaced.\nالفقرة الثانية\nCafé.',
    });
  });

  it('keeps markup among words as written (renderers escape it), but refuses a summary of markup alone', () => {
    expect(parseReportEdit({ summary: '<b>Bold</b> claims & "quotes".' })).toEqual({
      editedSummary: '<b>Bold</b> claims & "quotes".',
    });
    expect(problemsOf({ summary: '<p><br/></p>' })).toEqual([
      { field: 'summary', message: 'holds only markup (HTML or XML tags) and no text' },
    ]);
  });

  it('refuses a summary with nothing readable in it, and says null restores the machine’s', () => {
    for (const summary of ['', '   \n\t ', '\u200B\u200F\u2066']) {
      expect(problemsOf({ summary })).toEqual([
        { field: 'summary', message: 'must hold some text (null restores the machine summary)' },
      ]);
    }
  });

  it('refuses binary data', () => {
    expect(problemsOf({ summary: 'a\u0000b' })).toEqual([
      { field: 'summary', message: 'is not text: it looks like binary data' },
    ]);
  });

  it(`bounds the summary at ${MAX_EDITED_SUMMARY_LENGTH} characters once cleaned`, () => {
    const longest = 'a'.repeat(MAX_EDITED_SUMMARY_LENGTH);
    expect(parseReportEdit({ summary: `${longest}\u200B\u200B  ` })).toEqual({ editedSummary: longest });
    expect(problemsOf({ summary: `${longest}b` })).toEqual([
      { field: 'summary', message: expect.stringContaining(String(MAX_EDITED_SUMMARY_LENGTH)) },
    ]);
  });

  it(`takes a whole priority from ${MIN_PRIORITY} to ${MAX_PRIORITY}, as a submission's`, () => {
    expect(parseReportEdit({ priority: MIN_PRIORITY })).toEqual({ priority: MIN_PRIORITY });
    expect(parseReportEdit({ priority: MAX_PRIORITY })).toEqual({ priority: MAX_PRIORITY });
    for (const priority of [MIN_PRIORITY - 1, MAX_PRIORITY + 1, 1.5, '3', null]) {
      expect(problemsOf({ priority })).toEqual([{ field: 'priority', message: expect.any(String) }]);
    }
  });

  it('takes hold as a boolean only', () => {
    for (const hold of ['true', 1, null]) {
      expect(problemsOf({ hold })).toEqual([{ field: 'hold', message: expect.any(String) }]);
    }
  });

  it('refuses an edit that changes nothing, a field it does not know, and what is no object', () => {
    expect(problemsOf({})).toEqual([{ field: '', message: 'name at least one of hold, priority and summary' }]);
    expect(problemsOf({ hold: true, title: 'New' })).toEqual([
      { field: '', message: expect.stringContaining('title') },
    ]);
    expect(problemsOf([])).toEqual([{ field: '', message: expect.any(String) }]);
    expect(problemsOf('hold')).toEqual([{ field: '', message: expect.any(String) }]);
  });

  it('names every problem at once', () => {
    expect(problemsOf({ hold: 'yes', priority: 99, summary: '' }).map((problem) => problem.field)).toEqual([
      'hold',
      'priority',
      'summary',
    ]);
  });
});

describe('isReportId', () => {
  it('is 24 lower-case hex digits (reportIdFor), so that nothing else reaches a key', () => {
    expect(isReportId('0123456789abcdef01234567')).toBe(true);
    for (const id of ['0123456789abcdef0123456', '0123456789abcdef012345678', '0123456789ABCDEF01234567', 'batch']) {
      expect(isReportId(id)).toBe(false);
    }
    expect(isReportId('../0123456789abcdef01234')).toBe(false);
    expect(isReportId('0123456789abcdef01234567\n')).toBe(false);
  });
});

describe('shownSummary', () => {
  const machine = ['The machine’s first.', 'The machine’s second.'];

  it('is the machine’s sentences until an editor writes one', () => {
    expect(shownSummary({ summary: machine })).toBe(machine);
  });

  it('is the editor’s text, a paragraph a line, once written; the machine’s is not shown beside it', () => {
    expect(shownSummary({ summary: machine, editedSummary: 'One.\nTwo, longer.' })).toEqual(['One.', 'Two, longer.']);
  });
});
