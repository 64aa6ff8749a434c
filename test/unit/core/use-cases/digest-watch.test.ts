// The watch a day after each scheduled send: overdue unless a send finished within the window — an edition queued
// (every reader handed over) or a run that found nothing to send.
import { DIGEST_WATCH_WINDOW_HOURS, lastFinishedSend } from '../../../../lambdas/core/use-cases/digest-watch';
import { createHarness, ENGLISH_REPORT, type Harness } from '../../../support/use-case-harness';

const HOUR = 3_600_000;
let h: Harness;

beforeEach(async () => {
  h = createHarness();
  await h.addSubscriber('amal@example.com', 'confirmed');
});

it('is overdue before any send ever finished, and says so in the log', async () => {
  h.metrics.clear();
  expect(await h.useCases.watchDigest()).toEqual({ overdue: true });
  expect(h.metrics.counted).toEqual(['DigestsOverdue']);
  expect(h.logger.entries).toContainEqual(
    expect.objectContaining({ level: 'error', message: expect.stringMatching(/^digest overdue/u) }),
  );
});

it('is on time a day after a send that queued its edition, and overdue once the window has passed', async () => {
  await h.useCases.ingestReport(ENGLISH_REPORT);
  await h.useCases.sendDigest();
  const queuedAt = h.clock.now().toISOString();
  h.clock.advance(24 * HOUR);
  h.metrics.clear();
  expect(await h.useCases.watchDigest()).toEqual({ overdue: false, lastFinishedAt: queuedAt });
  expect(h.metrics.counted).toEqual([]);
  h.clock.advance((DIGEST_WATCH_WINDOW_HOURS - 24) * HOUR + 1);
  expect(await h.useCases.watchDigest()).toEqual({ overdue: true, lastFinishedAt: queuedAt });
  expect(h.metrics.counted).toEqual(['DigestsOverdue']);
});

it('counts a send that found no report as finished: the schedule ran', async () => {
  h.clock.advance(7 * 24 * HOUR);
  const ranAt = h.clock.now().toISOString();
  expect(await h.useCases.sendDigest()).toMatchObject({ status: 'no-reports' });
  h.clock.advance(24 * HOUR);
  expect(await h.useCases.watchDigest()).toEqual({ overdue: false, lastFinishedAt: ranAt });
});

it('does not count an edition still being handed over, however recent', () => {
  const edition = {
    id: '2',
    number: 2,
    state: 'sending' as const,
    period: { until: '2026-11-26T14:00:00.000Z' },
    openedAt: '2026-11-26T14:00:00.000Z',
    queuedAt: '2026-11-26T14:05:00.000Z',
  };
  expect(lastFinishedSend(edition, undefined)).toBeUndefined();
  expect(lastFinishedSend({ ...edition, state: 'queued' }, '2026-11-19T14:00:00.000Z')).toBe(
    '2026-11-26T14:05:00.000Z',
  );
  expect(lastFinishedSend({ ...edition, state: 'queued' }, '2026-11-27T14:00:00.000Z')).toBe(
    '2026-11-27T14:00:00.000Z',
  );
});
