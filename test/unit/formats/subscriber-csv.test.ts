// The formula guard of the subscriber CSV, cell by cell: what OWASP's CSV-injection advice names, and nothing else.
import { neutralizeFormula, readSubscriberCsv } from '../../../lambdas/formats/subscriber-csv';

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
