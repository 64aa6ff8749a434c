// The formula guard of the subscriber CSV, cell by cell: what OWASP's CSV-injection advice names, and nothing else.
import { headerProblem, neutralizeFormula, readSubscriberCsv } from '../../../lambdas/formats/subscriber-csv';

it.each([
  ['=1+1', "'=1+1"],
  ['+1', "'+1"],
  ['-1', "'-1"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tx', "'\tx"],
  ['\rx', "'\rx"],
  ["'=1", "''=1"],
  ["''@x", "'''@x"],
  ["'x", "'x"],
  ['a=1', 'a=1'],
  ['reader@example.com', 'reader@example.com'],
  ['', ''],
])('writes %j as %j, and an import reads it back', (cell, written) => {
  expect(neutralizeFormula(cell)).toBe(written);
  const list = readSubscriberCsv(`email\r\n"${written.replace(/"/gu, '""')}"\r\n`);
  expect('rows' in list && list.rows[0]?.email).toBe(cell);
});

describe('a list that stops being CSV', () => {
  it.each([
    [
      'a quote never closed, after blank lines and a quoted line break',
      'email\n\n"a\nb@x.org"\n\n"c@x.org\nd@x.org\n',
      6,
    ],
    ['a record of more fields than the header, over two lines', 'email\r\na@x.org\r\n"b\r\n@x.org",extra\r\n', 3],
    ['a quote never closed in the first line', '\uFEFF"email\na@x.org\n', 1],
  ])('names the line where the record that is not CSV starts, quoting nothing: %s', (_name, text, line) => {
    const list = readSubscriberCsv(text);
    expect(list).toEqual({ problem: `The file is not valid CSV (line ${line}).` });
  });

  it('is not read past its first line by the upload’s check', () => {
    expect(headerProblem('email,language\na@x.org,ar\n"broken')).toBeUndefined();
    expect(headerProblem('')).toBeUndefined();
    expect(headerProblem('email,name\n')).toMatch(/^The first line must name the columns: .*\(not "name"\)\.$/u);
  });
});
