// Adapter: reports in the DynamoDB table. A report no edition took yet is in the `untaken` index; an edition takes
// it by marking the report and copying what the digest shows into the edition's partition, in one transaction.
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { byArrival, type EditionEntry, type EditionPeriod, inPeriod } from '../core/domain/edition';
import { ReportRejectedError } from '../core/domain/errors';
import type { Report } from '../core/domain/report';
import type { ReportRepository } from '../core/ports/report-repository';
import { domainFields, isCancelledByCondition, isConditionFailure } from './dynamo-items';
import { editionItems, editionReportKey, reportKey, untakenReports } from './dynamo-keys';

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

  async listUntaken(period: EditionPeriod): Promise<EditionEntry[]> {
    const entries: EditionEntry[] = [];
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
        const entry = domainFields<EditionEntry>(item);
        if (inPeriod(period, entry.receivedAt)) entries.push(entry);
      }
    }
    return entries.sort(byArrival);
  }

  async take(entry: EditionEntry, editionId: string): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: reportKey(entry.id),
                UpdateExpression: 'SET editionId = :edition REMOVE gsi1pk, gsi1sk',
                ConditionExpression:
                  'attribute_exists(pk) AND (attribute_not_exists(editionId) OR editionId = :edition)',
                ExpressionAttributeValues: { ':edition': editionId },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...editionReportKey(editionId, entry.receivedAt, entry.id),
                  entity: 'edition-report',
                  ...entry,
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
/** What an edition carries of a report: the untaken query reads only these, not the report's text. */
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
] as const;
