// Every time on the console's pages in the newsletter's zone, the zone named, in the operator's language: an event
// at 21:30 UTC reads 00:30 the next day in Asia/Riyadh, on the editions list, an edition's page and the activity log.
import type { ActivityPage } from '../../../lambdas/core/domain/activity';
import type { NewsletterLanguage } from '../../../lambdas/core/domain/newsletter-languages';
import type { DigestProgress } from '../../../lambdas/core/use-cases/digest-progress';
import { renderActivityPage } from '../../../lambdas/http/console-activity-pages';
import { renderEditionPage, renderEditionsPage } from '../../../lambdas/http/console-editions-pages';
import type { ConsoleShell } from '../../../lambdas/http/console-pages';

const AT = '2026-12-07T21:30:00.000Z';
const RETRIED_AT = '2026-12-07T22:45:00.000Z';
const operator = { kind: 'operator', email: 'editor@example.com' } as const;

function shellIn(language: NewsletterLanguage, timeZone: string): ConsoleShell {
  return {
    newsletter: { name: 'Mujaz', language: 'ar' },
    session: { email: 'editor@example.com', language, csrfSecret: 'csrf', expiresAt: Date.now() + 60_000 },
    section: '/console',
    timeZone,
  };
}

const progress: DigestProgress = {
  id: '4',
  state: 'done',
  openedAt: AT,
  startedBy: operator,
  lastRetry: { at: RETRIED_AT, by: operator, include: ['failed'], requeued: 2 },
  reports: 3,
  counts: { recipients: 10, pending: 0, sent: 9, failed: 1, unknown: 0, skipped: 0 },
} as DigestProgress;
const activity: ActivityPage = {
  entries: [{ at: AT, actor: operator, action: 'send', target: { kind: 'edition', id: '4' } }],
} as ActivityPage;

const pages = (shell: ConsoleShell) => ({
  editions: renderEditionsPage(shell, { editions: [{ ...progress, number: 4 }] }, true),
  edition: renderEditionPage(shell, progress, { following: false }),
  activity: renderActivityPage(shell, activity, true),
});

it.each([
  ['en', '8 Dec 2026, 00:30 GMT+3', '8 Dec 2026, 01:45 GMT+3'],
  ['ar', '8 ديسمبر 2026، 00:30 غرينتش+3', '8 ديسمبر 2026، 01:45 غرينتش+3'],
] as const)('shows the times of the %s pages in the newsletter’s zone, named', (language, opened, retried) => {
  const { editions, edition, activity: log } = pages(shellIn(language, 'Asia/Riyadh'));
  const time = (iso: string, text: string) => `<time datetime="${iso}">${text}</time>`;
  expect(editions).toContain(time(AT, opened));
  expect(edition).toContain(time(AT, opened));
  expect(edition).toContain(time(RETRIED_AT, retried));
  expect(log).toContain(time(AT, opened));
  // Nowhere as UTC's 21:30 in the text (the datetime attributes keep the instant itself).
  for (const page of [editions, edition, log]) expect(page).not.toMatch(/>[^<]*21:30/u);
});

it('shows them in UTC, said so, for a newsletter in UTC', () => {
  const { editions, activity: log } = pages(shellIn('en', 'UTC'));
  expect(editions).toContain('7 Dec 2026, 21:30 UTC');
  expect(log).toContain('7 Dec 2026, 21:30 UTC');
});
