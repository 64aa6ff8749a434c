// Infrastructure: what each function may do to the table — exactly the DynamoDB actions its code calls, on the table
// and on exactly the indexes it queries. One place, so that a function that starts calling something new fails its
// CDK test until it is listed here (test/cdk/stacks.test.ts asserts these statements, role by role).
import type { FunctionName } from './function-bundles';

export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'BatchGetItem';
export type TableIndex = 'gsi1' | 'gsi2';

export interface TableAccess {
  actions: readonly TableAction[];
  indexes: readonly TableIndex[];
}

/**
 * Transactions (TransactWriteItems) need no action of their own: IAM checks each Put or Update inside them.
 * - api (the readers' routes): a link's subscription (gsi2, then Get), the subscriber's change (Put), the rate
 *   counter (Update), an edition's page (Get, Query on its partition), the archive (BatchGetItem).
 * - admin (the operator's routes): reports in (Put, Get) and edited (Update, then Get when refused), imports started
 *   and followed (Put, Get), subscribers exported (gsi1, gsi2), test sends' pacer (Update), editions opened and read
 *   (Get, Update, transactions with Put), untaken reports (gsi1), tallies and retries (Query, Update), the console's
 *   overview (its counters: Query; the last editions and their tallies: BatchGetItem; the sources: gsi2); the
 *   console's lists (every report newest first, gsi2; a reader's copies of the last editions, BatchGetItem), the
 *   console's sign-in limits (Update), a link looked at (Get) and used (conditional Delete), sessions opened (Put),
 *   read (Get), given a language (Update) and ended (Delete), an operator's language (Get, Put); the activity log
 *   written (Put) and read (Query on its partition), an edition's last retry kept (Update).
 * - sources and admin (imports) also write the activity log (Put).
 * - deliver-digest also keeps the sign-in links it mails (Put).
 * - send-digest: editions (Get, Update, transactions with Put), untaken reports and confirmed readers (gsi1), an
 *   edition's reports (Query on its partition), taking a report (transaction: Update and Put; a report edited since
 *   it was listed is read again, Get).
 * - deliver-digest: the frozen edition and the reader (Get), claims and outcomes (Update, transactions of
 *   Updates, Delete to release), the pacer (Update), and a queued subscribe request (Get, Put).
 * - delivery-feedback: suppressing an address (Get; a transaction of the Put and its counters' Updates).
 * Every change of a reader's state and every delivery outcome moves the console's counters in its transaction
 * (Updates), which api, admin and deliver-digest already may do.
 * - sources (the /sources routes): a source and its URL's claim (Get; transactions with Put and Delete), every source
 *   (gsi2), the entries a deleted source remembered (Query on its partition, transactions of Deletes); its console
 *   pages: a session read (Get), a report fetched by address stored through intake (Get, Put).
 * - find-due-sources: the due sources (gsi1).
 * - poll-sources: the source (Get, Put), its entries claimed and settled (transactions of Puts), looked at
 *   (BatchGet), remembered by a new key (Put) or given back (transactions of Deletes), the reports stored
 *   through intake (Get, Put), and a web host's page slot leased (Put) and given back (Delete).
 * - import-subscribers: the job (Get; Update: checked, failed; a transaction of Updates counting a chunk), a chunk's
 *   plan (Get, Put), the subscribers it looks at (BatchGet, Get) and writes (Put).
 */
export const TABLE_ACCESS: Record<FunctionName, TableAccess> = {
  api: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem'], indexes: ['gsi2'] },
  admin: {
    actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'],
    indexes: ['gsi1', 'gsi2'],
  },
  'send-digest': { actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'], indexes: ['gsi1'] },
  'deliver-digest': { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: [] },
  'delivery-feedback': { actions: ['GetItem', 'PutItem', 'UpdateItem'], indexes: [] },
  sources: { actions: ['GetItem', 'PutItem', 'DeleteItem', 'Query'], indexes: ['gsi2'] },
  'find-due-sources': { actions: ['Query'], indexes: ['gsi1'] },
  'poll-sources': { actions: ['GetItem', 'PutItem', 'DeleteItem', 'BatchGetItem'], indexes: [] },
  'import-subscribers': { actions: ['GetItem', 'PutItem', 'UpdateItem', 'BatchGetItem'], indexes: [] },
};
