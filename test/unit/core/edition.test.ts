import {
  byArrival,
  type Edition,
  editionEntryOf,
  editionId,
  goesInNextEdition,
  inPeriod,
  nextEdition,
  waitingEntryOf,
} from '../../../lambdas/core/domain/edition';
import type { Report } from '../../../lambdas/core/domain/report';

const NOW = new Date('2026-12-07T06:00:00.000Z');

describe('nextEdition', () => {
  it('opens number 1 first, then the number after the latest, composing, over the period asked', () => {
    const first = nextEdition(undefined, { until: NOW.toISOString() }, NOW);
    expect(first).toEqual({
      id: '1',
      number: 1,
      state: 'composing',
      period: { until: '2026-12-07T06:00:00.000Z' },
      openedAt: '2026-12-07T06:00:00.000Z',
    });
    const latest: Edition = { ...first, id: '41', number: 41, state: 'queued' };
    expect(nextEdition(latest, { from: 'a', until: 'b' }, NOW)).toMatchObject({
      id: '42',
      number: 42,
      period: { from: 'a', until: 'b' },
    });
    expect(editionId(7)).toBe('7');
  });
});

describe('inPeriod', () => {
  const until = '2026-12-07T06:00:00.000Z';
  it('holds what arrived up to and including `until`, and after (not at) `from`', () => {
    expect(inPeriod({ until }, until)).toBe(true);
    expect(inPeriod({ until }, '2026-12-07T06:00:00.001Z')).toBe(false);
    expect(inPeriod({ until }, '2020-01-01T00:00:00.000Z')).toBe(true);
    const from = '2026-12-01T00:00:00.000Z';
    expect(inPeriod({ from, until }, from)).toBe(false);
    expect(inPeriod({ from, until }, '2026-12-01T00:00:00.001Z')).toBe(true);
  });
});

describe('byArrival', () => {
  it('orders by arrival, then by id', () => {
    const entry = (id: string, receivedAt: string) => ({ id, title: id, summary: [], language: 'en', receivedAt });
    const sorted = [entry('b', '2'), entry('c', '1'), entry('a', '2')].sort(byArrival);
    expect(sorted.map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('editionEntryOf', () => {
  const report: Report = {
    id: 'r1',
    title: 'Title',
    lede: 'Lede',
    body: 'Body',
    original: 'Original',
    url: 'https://example.com/r1',
    language: 'ar',
    publishedAt: '2026-12-01T00:00:00Z',
    receivedAt: '2026-12-02T00:00:00.000Z',
    summary: ['One.', 'Two.'],
    keyPhrases: ['k'],
    source: 'Source',
  };

  it('keeps what the email and the edition page show (key phrases and source too), and none of the text', () => {
    expect(editionEntryOf(report)).toEqual({
      id: 'r1',
      title: 'Title',
      url: 'https://example.com/r1',
      language: 'ar',
      publishedAt: '2026-12-01T00:00:00Z',
      receivedAt: '2026-12-02T00:00:00.000Z',
      summary: ['One.', 'Two.'],
      keyPhrases: ['k'],
      source: 'Source',
    });
  });

  it('leaves out a missing url, publication date, key phrases and source rather than storing undefined', () => {
    const { url: _url, publishedAt: _publishedAt, keyPhrases: _keyPhrases, source: _source, ...bare } = report;
    const entry = editionEntryOf(bare as typeof report);
    expect(Object.keys(entry).sort()).toEqual(['id', 'language', 'receivedAt', 'summary', 'title']);
  });
});

describe('an edited report in an edition', () => {
  const edited: Report = {
    id: 'r2',
    title: 'Title',
    body: 'Body',
    language: 'en',
    receivedAt: '2026-12-02T00:00:00.000Z',
    summary: ['Machine one.', 'Machine two.'],
    keyPhrases: [],
    editedSummary: 'The editor’s first.\nThe editor’s second.',
    priority: 3,
    held: true,
    revision: 4,
    editionId: '9',
  };

  it('carries the editor’s summary and priority into the edition, but neither its hold nor its revision', () => {
    expect(editionEntryOf(edited)).toEqual({
      id: 'r2',
      title: 'Title',
      language: 'en',
      receivedAt: '2026-12-02T00:00:00.000Z',
      summary: ['Machine one.', 'Machine two.'],
      editedSummary: 'The editor’s first.\nThe editor’s second.',
      keyPhrases: [],
      priority: 3,
    });
  });

  it('waits with its hold and revision, which decide whether and how an edition takes it', () => {
    expect(waitingEntryOf(edited)).toEqual({ ...editionEntryOf(edited), held: true, revision: 4 });
    const { held: _held, revision: _revision, ...neverEdited } = edited;
    expect(waitingEntryOf(neverEdited)).toEqual(editionEntryOf(neverEdited));
  });

  it('goes into the next edition unless an editor holds it', () => {
    expect(goesInNextEdition({})).toBe(true);
    expect(goesInNextEdition({ held: false })).toBe(true);
    expect(goesInNextEdition({ held: true })).toBe(false);
  });
});
