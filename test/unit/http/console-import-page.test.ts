// The console's import page drawn from an import's progress: the rows not counted while the list waits for its
// check, and why a failed import failed — escaped, in either language.
import type { ConsoleSession } from '../../../lambdas/core/domain/console-access';
import type { ImportProgress } from '../../../lambdas/core/use-cases/import-jobs';
import { renderImportPage } from '../../../lambdas/http/console-subscribers-pages';

const session = (language: 'ar' | 'en'): ConsoleSession => ({
  email: 'editor@example.com',
  language,
  csrfSecret: 'secret',
  expiresAt: Date.now() + 60_000,
});
const shell = (language: 'ar' | 'en') => ({
  newsletter: { name: 'Mujaz', language: 'en' as const },
  session: session(language),
  section: '/console/subscribers',
  timeZone: 'UTC',
});
const progress = (overrides: Partial<ImportProgress>): ImportProgress => ({
  id: 'AAAAAAAAAAAAAAAA',
  state: 'running',
  rows: 1_200,
  imported: 500,
  skipped: 0,
  rejected: 0,
  firstRejections: [],
  ...overrides,
});

it('says the rows are not counted yet while the import is queued, and counts them once it runs', () => {
  expect(renderImportPage(shell('en'), progress({ state: 'queued', rows: 0 }), { following: false })).toContain(
    '<dt>Rows</dt><dd>not counted yet</dd>',
  );
  expect(renderImportPage(shell('ar'), progress({ state: 'queued', rows: 0 }), { following: false })).toContain(
    '<dt>الصفوف</dt><dd>لم تُعدّ بعد</dd>',
  );
  expect(renderImportPage(shell('en'), progress({}), { following: false })).toContain('<dt>Rows</dt><dd>1200</dd>');
});

it('says why a failed import failed, escaped, and nothing of the kind for one that did not', () => {
  const failed = renderImportPage(
    shell('en'),
    progress({ state: 'failed', rows: 0, imported: 0, problem: 'The file is not valid CSV (line 50000) <b>.' }),
    { following: true },
  );
  expect(failed).toContain('<dt>Why it failed</dt><dd>The file is not valid CSV (line 50000) &lt;b&gt;.</dd>');
  expect(failed).not.toContain('http-equiv="refresh"');
  const followed = (state: ImportProgress['state']) =>
    renderImportPage(shell('en'), progress({ state }), { following: true });
  expect(followed('running')).toContain('http-equiv="refresh"');
  expect(followed('failed')).not.toContain('http-equiv="refresh"');
  expect(renderImportPage(shell('ar'), progress({ state: 'failed', problem: 'x' }), { following: false })).toContain(
    '<dt>سبب الفشل</dt>',
  );
  expect(renderImportPage(shell('en'), progress({ state: 'done' }), { following: false })).not.toContain(
    'Why it failed',
  );
});
