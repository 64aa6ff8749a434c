// The poll message: the source travels as queued, and a message whose source cannot be trusted falls back to a read.
import {
  parseSourcePollBody,
  pollDeduplicationId,
  pollGroup,
  sourcePollBody,
} from '../../../lambdas/core/domain/source-poll-messages';
import { aSource } from '../../support/sources';

const source = aSource({
  id: 'source-0001',
  language: 'ar',
  lastPoll: { at: '2026-03-01T12:00:00.000Z', status: 'not-modified', items: 0, created: 0, duplicates: 0, skipped: 0 },
  cache: { etag: '"v1"', bodySha256: 'abc', lastUnconditionalAt: '2026-03-01T00:00:00.000Z' },
  revision: 7,
});

it('carries the source as queued, every field of it', () => {
  expect(parseSourcePollBody(sourcePollBody({ source }))).toEqual({ sourceId: 'source-0001', queued: source });
});

it('reads a message without a source (queued before they carried one) as a poll to read the source for', () => {
  expect(parseSourcePollBody(JSON.stringify({ kind: 'poll-source', sourceId: 'source-0001' }))).toEqual({
    sourceId: 'source-0001',
  });
});

it('does not trust a carried source of another id or of another shape: the poll reads the source itself', () => {
  const body = (carried: unknown) => JSON.stringify({ kind: 'poll-source', sourceId: 'source-0001', source: carried });
  expect(parseSourcePollBody(body({ ...source, id: 'source-0002' }))).toEqual({ sourceId: 'source-0001' });
  expect(parseSourcePollBody(body({ ...source, state: 'sleeping' }))).toEqual({ sourceId: 'source-0001' });
  expect(parseSourcePollBody(body({ ...source, cache: undefined }))).toEqual({ sourceId: 'source-0001' });
});

it('refuses what is no poll message of ours', () => {
  expect(parseSourcePollBody('not json')).toBeUndefined();
  expect(parseSourcePollBody(JSON.stringify({ kind: 'deliver', sourceId: 'source-0001' }))).toBeUndefined();
  expect(parseSourcePollBody(JSON.stringify({ kind: 'poll-source', sourceId: '../x' }))).toBeUndefined();
  expect(
    parseSourcePollBody(JSON.stringify({ kind: 'poll-source', sourceId: 'source-0001', extra: true })),
  ).toBeUndefined();
});

it('groups by the feed’s host and deduplicates by source and occasion', () => {
  expect(pollGroup('https://News.Example:8443/feed.xml')).toBe('news.example:8443');
  expect(pollGroup('not a url')).toBe('unknown');
  expect(pollDeduplicationId({ source, occasion: 'due-2026-03-01T13:00:00.000Z' })).toBe(
    'source-0001:due-2026-03-01T13:00:00.000Z',
  );
});
