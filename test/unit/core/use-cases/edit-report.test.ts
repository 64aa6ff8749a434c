// An editor's corrections through the UseCases facade, and what the editions then take: a held report waits (and
// goes out once, after its release), priority orders the email, the editor's summary replaces the machine's; an
// edit made while an edition is being composed is neither lost nor sent half-applied.
import { InvalidInputError, NotFoundError, ReportInEditionError } from '../../../../lambdas/core/domain/errors';
import type { Report } from '../../../../lambdas/core/domain/report';
import { createHarness, ENGLISH_REPORT, type Harness } from '../../../support/use-case-harness';

const MORE = {
  title: 'Harbour reopens after storm repairs',
  body: 'The harbour reopened on Friday after two weeks of repairs. Fishing boats returned the same morning.',
};
const LAST = {
  title: 'Library extends its opening hours',
  body: 'The city library will open until ten at night from March. Students asked for the change last year.',
};

let h: Harness;
let bikes: Report;
let harbour: Report;
let library: Report;

beforeEach(async () => {
  h = createHarness({ newsletter: { name: 'Digest', language: 'en' } });
  bikes = (await h.useCases.ingestReport(ENGLISH_REPORT)).report;
  h.clock.advance(60_000);
  harbour = (await h.useCases.ingestReport(MORE)).report;
  h.clock.advance(60_000);
  library = (await h.useCases.ingestReport(LAST)).report;
  h.clock.advance(60_000);
  await h.addSubscriber('amal@example.com', 'confirmed');
});

/** The titles the last rendered email shows in full, in order. */
const lastEmailTitles = () => h.renderer.digests.at(-1)?.items.map((item) => item.title);

describe('editReport: hold and include', () => {
  it('keeps a held report out of the next edition, sends it in the first one after its release, and only once', async () => {
    expect(await h.useCases.editReport(harbour.id, { hold: true })).toMatchObject({ id: harbour.id, held: true });

    expect(await h.sendAndDeliver()).toMatchObject({ edition: '1', reports: 2 });
    expect(lastEmailTitles()).toEqual([ENGLISH_REPORT.title, LAST.title]);
    // Held through a send with nothing else waiting: nothing goes out, and it still waits.
    h.clock.advance(60_000);
    expect(await h.sendAndDeliver()).toMatchObject({ status: 'no-reports' });
    expect(h.logger.entries.at(-1)).toMatchObject({ attributes: { held: 1 } });

    // Released: older than edition 1, it goes into the next edition all the same.
    const released = await h.useCases.editReport(harbour.id, { hold: false });
    expect(released.held).toBeUndefined();
    h.clock.advance(60_000);
    expect(await h.sendAndDeliver()).toMatchObject({ edition: '2', reports: 1 });
    expect(lastEmailTitles()).toEqual([MORE.title]);
    h.clock.advance(60_000);
    expect(await h.sendAndDeliver()).toMatchObject({ status: 'no-reports' });
    expect(h.reports.editionOf(harbour.id)).toBe('2');
    expect(h.mailer.sent.map((mail) => mail.html.split(MORE.title).length - 1)).toEqual([0, 1]);
  });

  it('leaves a held report out of the preview of the next edition', async () => {
    await h.useCases.editReport(library.id, { hold: true });
    const preview = await h.useCases.previewDigest();
    expect(preview.reports).toBe(2);
    expect(preview.html).not.toContain(LAST.title);
  });

  it('refuses to edit a report an edition took, whatever the edit, and changes nothing', async () => {
    await h.sendAndDeliver();
    for (const edit of [{ hold: true }, { priority: 5 }, { summary: 'Too late.' }, { summary: null }]) {
      const refusal = h.useCases.editReport(bikes.id, edit);
      await expect(refusal).rejects.toThrow(ReportInEditionError);
      await expect(refusal).rejects.toMatchObject({ editionId: '1' });
    }
    expect(await h.reports.findById(bikes.id)).toMatchObject({ editionId: '1' });
    expect((await h.reports.findById(bikes.id))?.held).toBeUndefined();
    expect((await h.reports.findById(bikes.id))?.revision).toBeUndefined();
  });

  it('answers NotFoundError for an id no report has, or that is no report id at all (the store is not asked)', async () => {
    const asked: string[] = [];
    const edit = h.reports.edit.bind(h.reports);
    h.reports.edit = async (id, change) => {
      asked.push(id);
      return edit(id, change);
    };
    await expect(h.useCases.editReport('0123456789abcdef01234567', { hold: true })).rejects.toThrow(NotFoundError);
    for (const id of ['batch', '../0123456789abcdef01234567', bikes.id.toUpperCase()]) {
      await expect(h.useCases.editReport(id, { hold: true })).rejects.toThrow(NotFoundError);
    }
    expect(asked).toEqual(['0123456789abcdef01234567']);
  });

  it('refuses a bad edit with InvalidInputError, and stores nothing', async () => {
    await expect(h.useCases.editReport(bikes.id, { hold: 'yes' })).rejects.toThrow(InvalidInputError);
    expect(await h.reports.findById(bikes.id)).toEqual(bikes);
  });
});

describe('editReport: priority and summary', () => {
  it('orders the edition by the editor’s priority, higher first, ties by arrival', async () => {
    await h.useCases.editReport(library.id, { priority: 5 });
    await h.useCases.editReport(bikes.id, { priority: -1 });
    await h.sendAndDeliver();
    expect(lastEmailTitles()).toEqual([LAST.title, MORE.title, ENGLISH_REPORT.title]);
  });

  it('puts the editor’s summary in the email in place of the machine’s, and null brings the machine’s back', async () => {
    const edited = await h.useCases.editReport(harbour.id, { summary: 'Boats are back.\nRepairs took two weeks.' });
    expect(edited).toMatchObject({ editedSummary: 'Boats are back.\nRepairs took two weeks.', revision: 1 });
    expect(edited.summary).toEqual(harbour.summary);
    await h.useCases.previewDigest();
    expect(h.renderer.digests.at(-1)?.items[1]?.summary).toEqual(['Boats are back.', 'Repairs took two weeks.']);

    const restored = await h.useCases.editReport(harbour.id, { summary: null });
    expect(restored.editedSummary).toBeUndefined();
    expect(restored.revision).toBe(2);
    await h.sendAndDeliver();
    expect(h.renderer.digests.at(-1)?.items[1]?.summary).toEqual(harbour.summary);
  });

  it('keeps each field an edit does not name', async () => {
    await h.useCases.editReport(harbour.id, { summary: 'Editor’s words.', priority: 4 });
    const held = await h.useCases.editReport(harbour.id, { hold: true });
    expect(held).toMatchObject({ held: true, priority: 4, editedSummary: 'Editor’s words.', revision: 2 });
  });
});

describe('an edit while an edition is being composed', () => {
  /** Runs `edit` on the report just before the edition first tries to take it: after it was listed. */
  function editJustBeforeTaking(reportId: string, edit: unknown): void {
    const take = h.reports.take.bind(h.reports);
    let done = false;
    h.reports.take = async (entry, editionId) => {
      if (entry.id === reportId && !done) {
        done = true;
        await h.useCases.editReport(reportId, edit);
      }
      return take(entry, editionId);
    };
  }

  it('takes the report as last edited, not as it was listed', async () => {
    editJustBeforeTaking(harbour.id, { summary: 'Written while the edition was composed.' });
    await h.sendAndDeliver();
    expect(h.reports.editionOf(harbour.id)).toBe('1');
    const [, taken] = await h.reports.listTaken('1');
    expect(taken).toMatchObject({ id: harbour.id, editedSummary: 'Written while the edition was composed.' });
    expect(h.renderer.digests.at(-1)?.items[1]?.summary).toEqual(['Written while the edition was composed.']);
  });

  it('leaves a report held after it was listed for a later edition, where it goes once released', async () => {
    editJustBeforeTaking(harbour.id, { hold: true });
    expect(await h.sendAndDeliver()).toMatchObject({ edition: '1', reports: 2 });
    expect(h.reports.editionOf(harbour.id)).toBeUndefined();
    await h.useCases.editReport(harbour.id, { hold: false });
    h.clock.advance(60_000);
    expect(await h.sendAndDeliver()).toMatchObject({ edition: '2', reports: 1 });
    expect(h.reports.editionOf(harbour.id)).toBe('2');
  });
});

describe('moveReport: the console’s up and down', () => {
  it('moves the priority one step, stops at 10 and −10 without writing, and is refused once an edition took it', async () => {
    expect(await h.useCases.moveReport(harbour.id, 1)).toMatchObject({ priority: 1, revision: 1 });
    expect(await h.useCases.moveReport(harbour.id, -1)).toMatchObject({ priority: 0, revision: 2 });
    await h.useCases.editReport(harbour.id, { priority: 10 });
    expect(await h.useCases.moveReport(harbour.id, 1)).toMatchObject({ priority: 10, revision: 3 });
    await h.useCases.editReport(library.id, { priority: -10 });
    expect(await h.useCases.moveReport(library.id, -1)).toMatchObject({ priority: -10, revision: 1 });
    await expect(h.useCases.moveReport('0123456789abcdef01234567', 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.useCases.moveReport('../x', 1)).rejects.toBeInstanceOf(NotFoundError);
    // Taken at the bound: refused all the same, though no write would be tried.
    await h.useCases.editReport(bikes.id, { priority: 10 });
    await h.sendAndDeliver();
    await expect(h.useCases.moveReport(bikes.id, 1)).rejects.toBeInstanceOf(ReportInEditionError);
    await expect(h.useCases.moveReport(bikes.id, -1)).rejects.toBeInstanceOf(ReportInEditionError);
  });
});

describe('draftNextEdition: the next edition as the console shows it', () => {
  it('lists the reports in the email’s order, in full then as headlines, the held ones apart, and takes nothing', async () => {
    const small = createHarness({ newsletter: { name: 'Digest', language: 'en' }, featuredReports: 1 });
    const ids: string[] = [];
    for (const report of [ENGLISH_REPORT, MORE, LAST]) {
      ids.push((await small.useCases.ingestReport(report)).report.id);
      small.clock.advance(60_000);
    }
    await small.useCases.editReport(ids[0]!, { priority: 2 });
    await small.useCases.editReport(ids[1]!, { hold: true });
    const draft = await small.useCases.draftNextEdition();
    const titles = (entries: ReadonlyArray<{ title: string }>) => entries.map((entry) => entry.title);
    expect(titles(draft.featured)).toEqual([ENGLISH_REPORT.title]);
    expect(titles(draft.headlines)).toEqual([LAST.title]);
    expect(draft.unlisted).toEqual([]);
    expect(titles(draft.held)).toEqual([MORE.title]);
    expect(draft.email).toMatchObject({ reports: 2, featured: 1, headlines: 1 });
    expect(draft.email?.translations).toHaveProperty('ar');
    expect((await small.useCases.draftNextEdition({ translations: false })).email?.translations).toBeUndefined();
    expect(draft.underWay).toBeUndefined();
    expect(small.reports.editionOf(ids[0]!)).toBeUndefined();
  });

  it('names nothing to send when every report is held, and the edition under way', async () => {
    for (const report of [bikes, harbour, library]) await h.useCases.editReport(report.id, { hold: true });
    const draft = await h.useCases.draftNextEdition();
    expect(draft).toMatchObject({ featured: [], headlines: [], unlisted: [], timeZone: h.timeZone });
    expect(draft.held).toHaveLength(3);
    expect(draft.email).toBeUndefined();
    await h.useCases.editReport(bikes.id, { hold: false });
    await h.useCases.startDigest();
    expect((await h.useCases.draftNextEdition()).underWay).toEqual({ id: '1', state: 'composing' });
  });
});
