// Adapter: reports in the DynamoDB table, indexed by the week they arrived in.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ReportRejectedError } from '../core/domain/errors';
import type { Report } from '../core/domain/report';
import type { ReportRepository } from '../core/ports/report-repository';
import { domainFields, isConditionFailure } from './dynamo-items';

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
            pk: reportKey(report.id),
            sk: 'REPORT',
            entity: 'report',
            gsi1pk: weekKey(report.week),
            gsi1sk: `${report.receivedAt}#${report.id}`,
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
      new GetCommand({ TableName: this.tableName, Key: { pk: reportKey(id), sk: 'REPORT' }, ConsistentRead: true }),
    );
    return Item ? domainFields<Report>(Item) : undefined;
  }

  async listByWeek(week: string): Promise<Report[]> {
    const reports: Report[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :week',
        ExpressionAttributeValues: { ':week': weekKey(week) },
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) reports.push(domainFields<Report>(item));
    return reports;
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

const reportKey = (id: string): string => `REPORT#${id}`;
const weekKey = (week: string): string => `WEEK#${week}`;
