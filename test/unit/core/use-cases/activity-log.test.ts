// Who started an edition and who changed what, with the in-memory fakes: the actor each use case records (the API
// token's when none is named), the schedule left out of the log, a failed log write logged and never thrown, and the
// editions list's state and counts from the same rule as GET /digests/{id}.
import { operatorActor } from '../../../../lambdas/core/domain/activity';
import { createHarness, ENGLISH_REPORT, type Harness } from '../../../support/use-case-harness';

const EDITOR = 'editor@example.com';

let h: Harness;
beforeEach(async () => {
  h = createHarness();
  await h.addSubscriber('amal@example.com', 'confirmed');
  await h.addSubscriber('badr@example.com', 'confirmed');
});

describe('editions remember who started them', () => {
  it('keeps the operator who started an edition, and the API token when none is named', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.useCases.startDigest(undefined, operatorActor(EDITOR));
    expect(await h.useCases.digestProgress('1')).toMatchObject({ startedBy: { kind: 'operator', email: EDITOR } });
    await h.sendAndDeliver();
    await h.useCases.ingestReport({ ...ENGLISH_REPORT, title: 'Another report', url: 'https://example.com/b' });
    await h.useCases.startDigest();
    expect(await h.useCases.digestProgress('2')).toMatchObject({ startedBy: { kind: 'api' } });
    expect(h.activity.entries.map((entry) => [entry.action, entry.target.id, entry.actor])).toEqual([
      ['send', '1', { kind: 'operator', email: EDITOR }],
      ['send', '2', { kind: 'api' }],
    ]);
  });

  it('says the schedule started a scheduled send, and leaves it out of the operators’ log', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.sendAndDeliver();
    expect(await h.useCases.digestProgress('1')).toMatchObject({ startedBy: { kind: 'schedule' } });
    expect(h.activity.entries).toEqual([]);
  });

  it('keeps the last retry on the edition and logs it, with counts and no reader', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.useCases.sendDigest();
    h.mailer.failFor('badr@example.com');
    await h.deliverQueued();
    h.mailer.stopFailing();
    await h.useCases.retryDigest('1', ['failed'], operatorActor(EDITOR));
    const retry = { at: h.clock.now().toISOString(), by: { kind: 'operator', email: EDITOR } };
    expect((await h.useCases.digestProgress('1')).lastRetry).toEqual({ ...retry, include: ['failed'], requeued: 1 });
    expect(h.activity.entries).toEqual([
      {
        at: retry.at,
        actor: retry.by,
        action: 'retry',
        target: { kind: 'edition', id: '1', title: expect.any(String) },
        detail: { include: ['failed'], requeued: 1 },
      },
    ]);
    expect(JSON.stringify(h.activity.entries)).not.toContain('badr@');
  });
});

describe('the activity log', () => {
  it('records a report’s edits with what changed', async () => {
    const { report } = await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.useCases.editReport(report.id, { hold: true, priority: 2 }, operatorActor(EDITOR));
    await h.useCases.editReport(report.id, { summary: null });
    expect(h.activity.entries.map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
      { actor: { kind: 'operator', email: EDITOR }, action: 'report-edit', detail: { held: true, priority: 2 } },
      { actor: { kind: 'api' }, action: 'report-edit', detail: { summary: 'restored' } },
    ]);
  });

  it('records nothing for an edit refused', async () => {
    await expect(h.useCases.editReport('0'.repeat(64), { hold: true })).rejects.toThrow('No report has this id.');
    expect(h.activity.entries).toEqual([]);
  });

  it('logs a failed write and keeps the change: the change is made, and a 5xx would invite it twice', async () => {
    const { report } = await h.useCases.ingestReport(ENGLISH_REPORT);
    h.activity.record = async () => {
      throw new Error('table unavailable');
    };
    const edited = await h.useCases.editReport(report.id, { hold: true }, operatorActor(EDITOR));
    expect(edited.held).toBe(true);
    expect(h.logger.entries.filter((entry) => entry.message === 'activity entry not recorded')).toEqual([
      expect.objectContaining({ level: 'error', attributes: expect.objectContaining({ action: 'report-edit' }) }),
    ]);
    expect(JSON.stringify(h.logger.entries)).not.toContain(EDITOR);
  });

  it('records an import as the API token’s by default, before its rows are read', async () => {
    await h.imports.startImport('email\nnew@example.com\n');
    expect(h.activity.entries).toEqual([
      expect.objectContaining({
        actor: { kind: 'api' },
        action: 'import',
        target: expect.objectContaining({ kind: 'import' }),
      }),
    ]);
    expect(h.activity.entries[0]).not.toHaveProperty('detail');
    expect(JSON.stringify(h.activity.entries)).not.toContain('new@example.com');
  });
});

describe('the editions list', () => {
  it('names each edition’s state as GET /digests/{id} does, from its counts, and pages older ones', async () => {
    h.counts.editions = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((number) => ({
      id: String(number),
      number,
      state: 'queued' as const,
      openedAt: '2026-11-24T09:00:00.000Z',
      recipients: 2,
      counts: { sent: number === 10 ? 1 : 2, failed: 0, unknown: 0, skipped: 0 },
    }));
    const first = await h.useCases.listEditions();
    expect(first.editions.map((edition) => [edition.id, edition.state, edition.counts.pending])).toEqual([
      ['10', 'sending', 1],
      ...[9, 8, 7, 6, 5, 4, 3, 2].map((number) => [String(number), 'done', 0]),
    ]);
    expect(first.before).toBe(2);
    const older = await h.useCases.listEditions(first.before);
    expect(older.editions.map((edition) => edition.id)).toEqual(['1']);
    expect(older.before).toBeUndefined();
  });
});
