// Adapter: the console's list of reports (gsi2 `REPORTS`) for reports stored before it was kept. The one Scan of
// reports, for an operator's explicit action (npm run reports:reindex): page by page, only the report items, only
// the attributes the list needs; each addition conditional on the report being there and not listed yet.
import { type DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportListIndex, ReportListing } from '../core/ports/report-list-index';
import { isConditionFailure } from './dynamo-items';
import { everyReport, reportItems, reportKey } from './dynamo-keys';

export class DynamoReportListIndex implements ReportListIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *everyReport(): AsyncIterable<ReportListing> {
    const pages = paginateScan(
      { client: this.client },
      {
        TableName: this.tableName,
        FilterExpression: 'begins_with(pk, :report) AND sk = :item',
        ExpressionAttributeValues: { ':report': reportItems.partitionPrefix, ':item': reportItems.sortKey },
        // Names, not the words themselves: the reserved list is long, and these may be on it.
        ProjectionExpression: '#id, #receivedAt, gsi2pk',
        ExpressionAttributeNames: { '#id': 'id', '#receivedAt': 'receivedAt' },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        yield { id: String(item.id), receivedAt: String(item.receivedAt), listed: item.gsi2pk !== undefined };
      }
    }
  }

  async addToList(report: Pick<ReportListing, 'id' | 'receivedAt'>): Promise<boolean> {
    const { gsi2pk, gsi2sk } = everyReport.indexKeys(report.receivedAt, report.id);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: reportKey(report.id),
          UpdateExpression: 'SET gsi2pk = :partition, gsi2sk = :position',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi2pk)',
          ExpressionAttributeValues: { ':partition': gsi2pk, ':position': gsi2sk },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
