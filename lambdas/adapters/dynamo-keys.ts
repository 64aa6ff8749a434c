// Adapter: every key of the one DynamoDB table, built here and nowhere else. The table outlives every deploy (the
// stateful stack retains it), so these strings are a contract with the data already stored: a change here is a
// migration. test/unit/adapters/dynamo-keys.test.ts pins each one.
//
//   pk                  sk                            index keys
//   REPORT#<id>         REPORT                        gsi1: REPORTS#untaken / <receivedAt>#<id>  (until taken)
//                                                     gsi2: REPORTS / <receivedAt>#<id>          (every report)
//   SUBSCRIBER#<email>  SUBSCRIBER                    gsi1: SUBSCRIBERS#confirmed / <email>      (confirmed only)
//                                                     gsi2: SUBSCRIBERS / <subscription id>      (every state)
//   EDITIONS            LATEST                        the pointer to the latest edition
//   EDITION#<id>        EDITION                       the edition and its frozen email
//   EDITION#<id>        REPORT#<receivedAt>#<id>      what it shows of each report it took
//   EDITION#<id>        DELIVERY#<email>              what became of one reader's copy
//   EDITION#<id>        TALLY#<0-9>                   outcomes counted, spread over ten shards
//   PACER#ses           SECOND#<epoch second>         the shared send allowance
//   RATE#<client hash>  WINDOW                        one client's last admitted subscribe requests
//   SOURCE#<id>         SOURCE                        gsi1: SOURCES#due / <nextPollAt>#<id>  (active, failing)
//                                                     gsi2: SOURCES / <createdAt>#<id>         (every source)
//   SOURCE#<id>         ENTRY#<key hash>              an entry a poll took up, under one of its identity keys
//   SOURCEURL#<hash>    SOURCE                        the claim of a normalized feed URL by one source
//   HOSTLEASE#<host>    PAGESLOT                      the lease on a web host's one page slot (requests-per-host.ts)
//   IMPORT#<id>         IMPORT                        an import job and its counts
//   IMPORT#<id>         CHUNK#<n>                     one chunk's plan, and whether it was counted
//   STATS               DAY#<yyyy-mm-dd>#<0-9>        the console's counts of a day's events (console-counts.ts)
//   STATS               PENDING#<yyyy-mm-ddThh>#<0-9> pending readers whose link expires in that hour
//   STATS               TOTALS#<0-9>                  readers by state, confirmed ones by language
//   SIGNIN#<token hash> LINK                          a mailed console sign-in link, until used or expired
//   SESSION#<id hash>   SESSION                       a console session, until signed out or expired
//   OPERATOR#<email>    PREFERENCES                   an operator's console language
//   ACTIVITY            <at>#<uuid>                   an operator's change (activity log), kept 400 days (TTL)

/** A type, not an interface: the SDK's key arguments take records, and only a type alias is one. */
export type ItemKey = {
  pk: string;
  sk: string;
};

const editionPartition = (editionId: string) => `EDITION#${editionId}`;

/** A report's item: `REPORT#<id>` / `REPORT` (the list's reindex finds every report by these). */
export const reportItems = { partitionPrefix: 'REPORT#', sortKey: 'REPORT' } as const;

export const reportKey = (id: string): ItemKey => ({
  pk: `${reportItems.partitionPrefix}${id}`,
  sk: reportItems.sortKey,
});

/** Reports no edition took yet, oldest first: the next edition's candidates. */
export const untakenReports = {
  partition: 'REPORTS#untaken',
  indexKeys: (receivedAt: string, id: string) => ({ gsi1pk: 'REPORTS#untaken', gsi1sk: `${receivedAt}#${id}` }),
} as const;

/** Every report, taken or not, by arrival (gsi2): the console's list, newest first. */
export const everyReport = {
  partition: 'REPORTS',
  indexKeys: (receivedAt: string, id: string) => ({ gsi2pk: 'REPORTS', gsi2sk: `${receivedAt}#${id}` }),
} as const;

export const subscriberKey = (email: string): ItemKey => ({ pk: `SUBSCRIBER#${email}`, sk: 'SUBSCRIBER' });

/** Confirmed readers by address (gsi1), and every subscriber by subscription id (gsi2). */
export const subscriberIndexes = {
  confirmedPartition: 'SUBSCRIBERS#confirmed',
  everyPartition: 'SUBSCRIBERS',
  confirmed: (email: string) => ({ gsi1pk: 'SUBSCRIBERS#confirmed', gsi1sk: email }),
  every: (subscriptionId: string) => ({ gsi2pk: 'SUBSCRIBERS', gsi2sk: subscriptionId }),
} as const;

export const latestEditionKey: ItemKey = { pk: 'EDITIONS', sk: 'LATEST' };

export const editionKey = (id: string): ItemKey => ({ pk: editionPartition(id), sk: 'EDITION' });

/** An edition's items of one kind (`prefix`) are those of its partition whose sort key begins so. */
export const editionItems = {
  partition: editionPartition,
  reportPrefix: 'REPORT#',
  deliveryPrefix: 'DELIVERY#',
  tallyPrefix: 'TALLY#',
} as const;

export const editionReportKey = (editionId: string, receivedAt: string, reportId: string): ItemKey => ({
  pk: editionPartition(editionId),
  sk: `${editionItems.reportPrefix}${receivedAt}#${reportId}`,
});

export const deliveryKey = (editionId: string, email: string): ItemKey => ({
  pk: editionPartition(editionId),
  sk: `${editionItems.deliveryPrefix}${email}`,
});

export const tallyKey = (editionId: string, shard: number): ItemKey => ({
  pk: editionPartition(editionId),
  sk: `${editionItems.tallyPrefix}${shard}`,
});

export const pacerPartition = 'PACER#ses';

export const pacerSecondKey = (epochSecond: number): ItemKey => ({ pk: pacerPartition, sk: `SECOND#${epochSecond}` });

/** One client's sliding window: the times of its last admitted subscribe requests, on one item. */
export const rateWindowKey = (clientHash: string): ItemKey => ({ pk: `RATE#${clientHash}`, sk: 'WINDOW' });

export const sourceKey = (id: string): ItemKey => ({ pk: `SOURCE#${id}`, sk: 'SOURCE' });

/** Sources due for a poll (gsi1, sparse: paused and disabled ones are left out), and every source (gsi2). */
export const sourceIndexes = {
  duePartition: 'SOURCES#due',
  everyPartition: 'SOURCES',
  due: (nextPollAt: string, id: string) => ({ gsi1pk: 'SOURCES#due', gsi1sk: `${nextPollAt}#${id}` }),
  every: (createdAt: string, id: string) => ({ gsi2pk: 'SOURCES', gsi2sk: `${createdAt}#${id}` }),
} as const;

export const sourceEntryPrefix = 'ENTRY#';

/** Entry identity keys are the feed's own strings (a guid may be any length): stored by their SHA-256. */
export const sourceEntryKey = (sourceId: string, keyHash: string): ItemKey => ({
  pk: `SOURCE#${sourceId}`,
  sk: `${sourceEntryPrefix}${keyHash}`,
});

/** A normalized feed URL may run to 2,048 characters, past a key's limit: claimed by its SHA-256. */
export const sourceUrlKey = (urlHash: string): ItemKey => ({ pk: `SOURCEURL#${urlHash}`, sk: 'SOURCE' });

/** A web host's page slot, as pageSlotHost names it (host[:port], at most 128 characters): one lease at a time. */
export const pageSlotKey = (host: string): ItemKey => ({ pk: `HOSTLEASE#${host}`, sk: 'PAGESLOT' });
export const importJobKey = (id: string): ItemKey => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' });

export const importChunkKey = (id: string, chunk: number): ItemKey => ({ pk: `IMPORT#${id}`, sk: `CHUNK#${chunk}` });

/**
 * The console's counters, in one partition read by two bounded queries; each counter is spread over
 * `counterShards` items (by the reader's address) so that concurrent transactions rarely write the same one.
 */
export const consoleCounters = {
  partition: 'STATS',
  dayPrefix: 'DAY#',
  pendingPrefix: 'PENDING#',
  totalsPrefix: 'TOTALS#',
  day: (day: string, shard: number): ItemKey => ({ pk: 'STATS', sk: `DAY#${day}#${shard}` }),
  pending: (hour: string, shard: number): ItemKey => ({ pk: 'STATS', sk: `PENDING#${hour}#${shard}` }),
  totals: (shard: number): ItemKey => ({ pk: 'STATS', sk: `TOTALS#${shard}` }),
} as const;

/** FNV-1a over the address: a stable, even spread of readers over a counter's shards. */
export function shardOfAddress(email: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < email.length; index += 1) {
    hash ^= email.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** A console sign-in link, under the SHA-256 of its token: the table never holds a usable link. */
export const signInLinkKey = (tokenHash: string): ItemKey => ({ pk: `SIGNIN#${tokenHash}`, sk: 'LINK' });

/** A console session, under the SHA-256 of its id: the table never holds a usable cookie. */
export const consoleSessionKey = (idHash: string): ItemKey => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' });

/** What the console remembers of an operator between sessions. */
export const operatorPreferencesKey = (email: string): ItemKey => ({ pk: `OPERATOR#${email}`, sk: 'PREFERENCES' });

/** The activity log: one partition (operators' changes are few), newest last by the instant each sort key begins with. */
export const activityLog = {
  partition: 'ACTIVITY',
  entry: (at: string, unique: string): ItemKey => ({ pk: 'ACTIVITY', sk: `${at}#${unique}` }),
} as const;
