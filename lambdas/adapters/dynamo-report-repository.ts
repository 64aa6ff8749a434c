// Adapter: reports in the DynamoDB table. A report no edition took yet is in the `untaken` index, held or not; an
// edition takes it by marking the report and copying what the digest shows into the edition's partition, in one
// transaction conditional on the revision it read. An editor's edit updates only the fields it names, and only
// while no edition has the report.
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  byArrival,
  type EditionEntry,
  type EditionPeriod,
  editionEntryOf,
  inPeriod,
  type WaitingEntry,
} from '../core/domain/edition';
import { InvalidInputError, ReportRejectedError } from '../core/domain/errors';
import type { Report } from '../core/domain/report';
import type { ReportEdit } from '../core/domain/report-edit';
import type { ReportEditOutcome, ReportPage, ReportRepository } from '../core/ports/report-repository';
import { domainFields, isCancelledByCondition, isConditionFailure } from './dynamo-items';
import { editionItems, editionReportKey, everyReport, reportKey, untakenReports } from './dynamo-keys';

export class DynamoReportRepository implements ReportRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...reportKey(report.id),
            entity: 'report',
            ...untakenReports.indexKeys(report.receivedAt, report.id),
            ...everyReport.indexKeys(report.receivedAt, report.id),
            ...report,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { report, created: true };
    } catch (error) {
      // The core keeps a report's text under MAX_REPORT_BYTES, well inside DynamoDB's 400 KB item; should an
      // item still not fit, the editor hears that the report is too large, not that something broke.
      if (isItemTooLarge(error)) throw new ReportRejectedError('too_large', 'The report is too large to store.');
      if (!isConditionFailure(error)) throw error;
      const existing = await this.findById(report.id);
      if (!existing) throw error;
      return { report: existing, created: false };
    }
  }

  async findById(id: string): Promise<Report | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: reportKey(id), ConsistentRead: true }),
    );
    return Item ? domainFields<Report>(Item) : undefined;
  }

  async edit(id: string, edit: ReportEdit): Promise<ReportEditOutcome> {
    // Names, not the words themselves: some (priority) are reserved in expressions.
    const names: Record<string, string> = { '#revision': 'revision' };
    const values: Record<string, unknown> = { ':one': 1 };
    const set: string[] = [];
    const remove: string[] = [];
    const change = (name: keyof ReportEdit, value: unknown, removed: boolean) => {
      if (value === undefined) return;
      names[`#${name}`] = name;
      if (removed) remove.push(`#${name}`);
      else {
        set.push(`#${name} = :${name}`);
        values[`:${name}`] = value;
      }
    };
    change('held', edit.held, edit.held === false);
    change('priority', edit.priority, false);
    change('editedSummary', edit.editedSummary, edit.editedSummary === null);
    const expression = [
      set.length > 0 ? `SET ${set.join(', ')}` : '',
      remove.length > 0 ? `REMOVE ${remove.join(', ')}` : '',
      'ADD #revision :one',
    ];
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: reportKey(id),
          UpdateExpression: expression.filter((clause) => clause !== '').join(' '),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(editionId)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { status: 'edited', report: domainFields<Report>(Attributes ?? {}) };
    } catch (error) {
      // The edited summary has its own bound; a report stored at the very limit may still not hold it.
      if (isItemTooLarge(error)) throw new ReportRejectedError('too_large', 'The report is too large to store.');
      if (!isConditionFailure(error)) throw error;
      const stored = await this.findById(id);
      return stored?.editionId === undefined ? { status: 'missing' } : { status: 'taken', editionId: stored.editionId };
    }
  }

  async recent(limit: number, after?: string): Promise<ReportPage> {
    const start = after === undefined ? undefined : pagePosition(after);
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :every',
        ExpressionAttributeValues: { ':every': everyReport.partition },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const reports = Items.map((item) => domainFields<Report>(item));
    const last = reports.at(-1);
    return { reports, ...(LastEvaluatedKey && last ? { next: `${last.receivedAt}#${last.id}` } : {}) };
  }

  async listUntaken(period: EditionPeriod): Promise<WaitingEntry[]> {
    const entries: WaitingEntry[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        // The sort key starts with receivedAt: the period's end bounds the query; `from` is checked below.
        KeyConditionExpression: 'gsi1pk = :untaken AND gsi1sk <= :until',
        ExpressionAttributeValues: { ':untaken': untakenReports.partition, ':until': `${period.until}#~` },
        // Names, not the words themselves: some (language, url) are reserved in expressions.
        ProjectionExpression: ENTRY_ATTRIBUTES.map((_, index) => `#entry${index}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(ENTRY_ATTRIBUTES.map((name, index) => [`#entry${index}`, name])),
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const entry = domainFields<WaitingEntry>(item);
        if (inPeriod(period, entry.receivedAt)) entries.push(entry);
      }
    }
    return entries.sort(byArrival);
  }

  async take(entry: WaitingEntry, editionId: string): Promise<boolean> {
    // A report never edited has no revision: the entry must have none either.
    const revision =
      entry.revision === undefined
        ? { condition: 'attribute_not_exists(#revision)', values: {} }
        : { condition: '#revision = :revision', values: { ':revision': entry.revision } };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: reportKey(entry.id),
                UpdateExpression: 'SET editionId = :edition REMOVE gsi1pk, gsi1sk',
                ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(editionId) OR editionId = :edition) AND ${revision.condition}`,
                ExpressionAttributeNames: { '#revision': 'revision' },
                ExpressionAttributeValues: { ':edition': editionId, ...revision.values },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...editionReportKey(editionId, entry.receivedAt, entry.id),
                  entity: 'edition-report',
                  ...editionEntryOf(entry),
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isCancelledByCondition(error)) return false;
      throw error;
    }
  }

  async listTaken(editionId: string): Promise<EditionEntry[]> {
    const entries: EditionEntry[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :edition AND begins_with(sk, :report)',
        ExpressionAttributeValues: {
          ':edition': editionItems.partition(editionId),
          ':report': editionItems.reportPrefix,
        },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) entries.push(domainFields<EditionEntry>(item));
    return entries.sort(byArrival);
  }
}

/** DynamoDB's answer to an item over 400 KB: a ValidationException saying so. */
function isItemTooLarge(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /item size .*exceeded|maximum allowed size/iu.test(error.message)
  );
}

/** The index partition of reports that no edition took yet. */
/** What an edition carries of a report, and its hold and revision: the untaken query reads only these, not its text. */
const ENTRY_ATTRIBUTES = [
  'id',
  'title',
  'url',
  'summary',
  'language',
  'publishedAt',
  'receivedAt',
  'keyPhrases',
  'priority',
  'source',
  'editedSummary',
  'held',
  'revision',
] as const;

/** A page's `next` (`<receivedAt>#<id>`) as the index key the query goes on from; anything else is refused. */
function pagePosition(after: string): Record<string, string> {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z)#([0-9a-f]{24})$/u.exec(after);
  if (!match)
    throw new InvalidInputError('That page of reports does not exist.', [
      { field: 'after', message: 'is no page of the list' },
    ]);
  const [, receivedAt, id] = match as unknown as [string, string, string];
  return { ...reportKey(id), ...everyReport.indexKeys(receivedAt, id) };
}
