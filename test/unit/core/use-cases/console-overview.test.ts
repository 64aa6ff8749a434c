// The console's overview over the use cases as they run: each reader's move counted once, where it happened, and the
// figures read back from the counters — and a rebuild from the records agreeing with what the writes kept.
import { consoleOverview, SES_REVIEW_RATES } from '../../../../lambdas/core/use-cases/console-overview';
import { rebuildConsoleCounts } from '../../../../lambdas/core/use-cases/rebuild-console-counts';
import { aSource } from '../../../support/sources';
import { createHarness, type Harness, tokenFromLink } from '../../../support/use-case-harness';

let h: Harness;
beforeEach(() => {
  h = createHarness({ start: '2026-12-07T08:00:00.000Z' });
});

const overview = () => consoleOverview(h, { timeZone: 'Asia/Riyadh', digestSchedule: 'cron(0 17 ? * THU *)' });
const bounceOf = (email: string) => ({
  eventType: 'Bounce',
  bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email }] },
  mail: { destination: [email] },
});

async function subscribeAndConfirm(email: string, language?: 'ar' | 'en'): Promise<string> {
  await h.useCases.subscribe(email, { via: 'form', ...(language ? { language } : {}) });
  await h.useCases.confirmSubscription(tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm'));
  return h.tokenFor(email, 'unsubscribe');
}

it('counts subscribe → confirm → unsubscribe → suppressed exactly, and a repeat of each not at all', async () => {
  await h.useCases.subscribe('a@example.com', { via: 'form', language: 'en' });
  expect((await overview()).readers).toMatchObject({ confirmed: 0, pending: 1, left: 0, suppressed: 0 });
  const confirmToken = tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm');
  await h.useCases.confirmSubscription(confirmToken);
  await h.useCases.confirmSubscription(confirmToken);
  expect((await overview()).readers).toEqual({
    confirmed: 1,
    pending: 0,
    left: 0,
    suppressed: 0,
    byLanguage: [{ language: 'en', readers: 1 }],
  });
  const unsubscribeToken = await h.tokenFor('a@example.com', 'unsubscribe');
  await h.useCases.unsubscribe(unsubscribeToken);
  await h.useCases.unsubscribe(unsubscribeToken);
  expect((await overview()).readers).toEqual({ confirmed: 0, pending: 0, left: 1, suppressed: 0, byLanguage: [] });
  await h.useCases.recordDeliveryFeedback(bounceOf('a@example.com'));
  await h.useCases.recordDeliveryFeedback(bounceOf('a@example.com'));
  const after = await overview();
  expect(after.readers).toEqual({ confirmed: 0, pending: 0, left: 0, suppressed: 1, byLanguage: [] });
  expect(after.netChange.days.at(-1)).toEqual({ day: '2026-12-07', joined: 1, left: 1, net: 0 });
  expect(after.feedback).toEqual({ delivered: 0, bounced: 1, complained: 0, reviewRates: SES_REVIEW_RATES });
});

it('stops counting a pending reader once their link has expired (the table forgets them unseen)', async () => {
  await h.useCases.subscribe('p@example.com', { via: 'form' });
  h.clock.advance(47 * 3_600_000);
  expect((await overview()).readers.pending).toBe(1);
  h.clock.advance(2 * 3_600_000);
  expect((await overview()).readers.pending).toBe(0);
});

it('counts an import, and the net change day by day over 30 days', async () => {
  await subscribeAndConfirm('old@example.com', 'ar');
  h.clock.advance(2 * 86_400_000);
  const outcome = await h.useCases.importSubscribers([
    { line: 2, email: 'x@example.com', language: 'ar', confirmedAt: '2026-01-01T00:00:00Z' },
    { line: 3, email: 'y@example.com', confirmedAt: '2026-01-01T00:00:00Z' },
    { line: 4, email: 'old@example.com', confirmedAt: '2026-01-01T00:00:00Z' },
  ]);
  expect(outcome).toMatchObject({ imported: 2, skipped: 1 });
  const figures = await overview();
  expect(figures.readers).toMatchObject({
    confirmed: 3,
    byLanguage: [
      { language: 'ar', readers: 2 },
      { language: 'none', readers: 1 },
    ],
  });
  expect(figures.netChange.days).toHaveLength(30);
  expect(figures.netChange.days.filter((day) => day.net !== 0)).toEqual([
    { day: '2026-12-07', joined: 1, left: 0, net: 1 },
    { day: '2026-12-09', joined: 2, left: 0, net: 2 },
  ]);
  expect(figures.netChange.net).toBe(3);
  h.clock.advance(29 * 86_400_000);
  expect((await overview()).netChange.net).toBe(2);
});

it('counts delivered copies and rates the bounces and complaints against them', async () => {
  for (const email of ['r1@example.com', 'r2@example.com', 'r3@example.com', 'r4@example.com'])
    await subscribeAndConfirm(email);
  await h.useCases.ingestReport({ title: 'T', body: 'One sentence here. And another one there.', language: 'en' });
  // The in-memory ledger keeps no counters: the delivered count is the DynamoDB adapter's (integration test).
  h.counts.apply({ totals: {}, pendingUntil: {}, days: { '2026-12-07': { delivered: 4 } } });
  await h.useCases.recordDeliveryFeedback(bounceOf('r1@example.com'));
  const { feedback } = await overview();
  expect(feedback).toEqual({
    delivered: 4,
    bounced: 1,
    complained: 0,
    bounceRate: 0.25,
    complaintRate: 0,
    reviewRates: { bounce: 0.05, complaint: 0.001 },
  });
});

it('lists the failing and disabled sources, and the next send in the newsletter’s zone', async () => {
  h.sources.stored.push(
    aSource({ id: 's1', state: 'active' }),
    aSource({ id: 's2', name: 'Broken', state: 'failing', consecutiveFailures: 3, lastError: 'HTTP 500' }),
    aSource({ id: 's3', name: 'Dead', state: 'disabled', consecutiveFailures: 10 }),
  );
  const figures = await overview();
  expect(figures.sourcesNeedingAttention).toEqual([
    { id: 's2', name: 'Broken', state: 'failing', consecutiveFailures: 3, lastError: 'HTTP 500' },
    { id: 's3', name: 'Dead', state: 'disabled', consecutiveFailures: 10 },
  ]);
  expect(figures.nextSend).toEqual({
    at: '2026-12-10T14:00:00.000Z',
    localDate: '2026-12-10',
    localTime: '17:00',
    timeZone: 'Asia/Riyadh',
  });
  expect((await consoleOverview(h, { timeZone: 'UTC' })).nextSend).toBeUndefined();
});

it('rebuilds from the records the same standing counts the writes kept', async () => {
  await subscribeAndConfirm('a@example.com', 'ar');
  await subscribeAndConfirm('b@example.com');
  await h.useCases.unsubscribe(await h.tokenFor('b@example.com', 'unsubscribe'));
  await h.useCases.subscribe('c@example.com', { via: 'form' });
  await h.useCases.recordDeliveryFeedback(bounceOf('d@example.com'));
  const kept = await overview();
  await h.counts.overwrite({ totals: { confirmed: 999 }, days: {}, pendingUntil: {} });
  expect(await rebuildConsoleCounts(h)).toMatchObject({ readers: 4 });
  const rebuilt = await overview();
  expect(rebuilt.readers).toEqual(kept.readers);
  expect(rebuilt.netChange).toEqual(kept.netChange);
  expect(rebuilt.feedback).toEqual(kept.feedback);
});
