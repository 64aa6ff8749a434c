// The table's keys are a contract with the data already stored (the table outlives every deploy): each is pinned
// here as it is written, so that a change to one fails until it comes with a migration.
import {
  consoleCounters,
  consoleSessionKey,
  deliveryKey,
  editionItems,
  editionKey,
  editionReportKey,
  latestEditionKey,
  operatorPreferencesKey,
  pacerSecondKey,
  pageSlotKey,
  rateWindowKey,
  reportKey,
  signInLinkKey,
  sourceEntryKey,
  sourceEntryPrefix,
  sourceIndexes,
  sourceKey,
  sourceUrlKey,
  subscriberIndexes,
  subscriberKey,
  tallyKey,
  untakenReports,
} from '../../../lambdas/adapters/dynamo-keys';

it.each([
  ['a report', reportKey('r1'), { pk: 'REPORT#r1', sk: 'REPORT' }],
  ['a subscriber', subscriberKey('a@example.com'), { pk: 'SUBSCRIBER#a@example.com', sk: 'SUBSCRIBER' }],
  ['the latest-edition pointer', latestEditionKey, { pk: 'EDITIONS', sk: 'LATEST' }],
  ['an edition', editionKey('7'), { pk: 'EDITION#7', sk: 'EDITION' }],
  [
    "an edition's report",
    editionReportKey('7', '2026-11-24T09:00:00.000Z', 'r1'),
    { pk: 'EDITION#7', sk: 'REPORT#2026-11-24T09:00:00.000Z#r1' },
  ],
  ["a reader's delivery", deliveryKey('7', 'a@example.com'), { pk: 'EDITION#7', sk: 'DELIVERY#a@example.com' }],
  ["a tally's shard", tallyKey('7', 3), { pk: 'EDITION#7', sk: 'TALLY#3' }],
  ["the pacer's second", pacerSecondKey(1_764_000_000), { pk: 'PACER#ses', sk: 'SECOND#1764000000' }],
  ["a client's rate window", rateWindowKey('h4sh'), { pk: 'RATE#h4sh', sk: 'WINDOW' }],
  ['a source', sourceKey('s1'), { pk: 'SOURCE#s1', sk: 'SOURCE' }],
  ['a console sign-in link', signInLinkKey('h4sh'), { pk: 'SIGNIN#h4sh', sk: 'LINK' }],
  ['a console session', consoleSessionKey('h4sh'), { pk: 'SESSION#h4sh', sk: 'SESSION' }],
  [
    "an operator's preferences",
    operatorPreferencesKey('a@example.com'),
    { pk: 'OPERATOR#a@example.com', sk: 'PREFERENCES' },
  ],
  ["a source's entry", sourceEntryKey('s1', 'ab12'), { pk: 'SOURCE#s1', sk: 'ENTRY#ab12' }],
  ["a feed URL's claim", sourceUrlKey('cd34'), { pk: 'SOURCEURL#cd34', sk: 'SOURCE' }],
  ["a web host's page slot", pageSlotKey('news.example:8080'), { pk: 'HOSTLEASE#news.example:8080', sk: 'PAGESLOT' }],
  ["a day's counts shard", consoleCounters.day('2026-12-07', 4), { pk: 'STATS', sk: 'DAY#2026-12-07#4' }],
  [
    "an hour's pending shard",
    consoleCounters.pending('2026-12-07T14', 2),
    { pk: 'STATS', sk: 'PENDING#2026-12-07T14#2' },
  ],
  ["the totals' shard", consoleCounters.totals(9), { pk: 'STATS', sk: 'TOTALS#9' }],
])('%s', (_what, key, stored) => {
  expect(key).toEqual(stored);
});

it('spells the index keys and the prefixes a query uses as the items carry them', () => {
  expect(untakenReports.indexKeys('2026-11-24T09:00:00.000Z', 'r1')).toEqual({
    gsi1pk: untakenReports.partition,
    gsi1sk: '2026-11-24T09:00:00.000Z#r1',
  });
  expect(untakenReports.partition).toBe('REPORTS#untaken');
  expect(subscriberIndexes.confirmed('a@example.com')).toEqual({
    gsi1pk: 'SUBSCRIBERS#confirmed',
    gsi1sk: 'a@example.com',
  });
  expect(subscriberIndexes.confirmedPartition).toBe('SUBSCRIBERS#confirmed');
  expect(subscriberIndexes.every('s1')).toEqual({ gsi2pk: subscriberIndexes.everyPartition, gsi2sk: 's1' });
  expect(subscriberIndexes.everyPartition).toBe('SUBSCRIBERS');
  // A query by prefix finds exactly the items the key builders make.
  expect(deliveryKey('7', 'a@example.com').sk.startsWith(editionItems.deliveryPrefix)).toBe(true);
  expect(tallyKey('7', 0).sk.startsWith(editionItems.tallyPrefix)).toBe(true);
  expect(editionReportKey('7', 't', 'r').sk.startsWith(editionItems.reportPrefix)).toBe(true);
  expect(editionItems.partition('7')).toBe(editionKey('7').pk);
  expect(sourceIndexes.due('2026-12-07T10:00:00.000Z', 's1')).toEqual({
    gsi1pk: 'SOURCES#due',
    gsi1sk: '2026-12-07T10:00:00.000Z#s1',
  });
  expect(sourceIndexes.duePartition).toBe('SOURCES#due');
  expect(sourceIndexes.every('2026-12-01T00:00:00.000Z', 's1')).toEqual({
    gsi2pk: 'SOURCES',
    gsi2sk: '2026-12-01T00:00:00.000Z#s1',
  });
  expect(sourceIndexes.everyPartition).toBe('SOURCES');
  expect(sourceEntryKey('s1', 'x').sk.startsWith(sourceEntryPrefix)).toBe(true);
});
