// Test support: a stored report with nothing but what the adapter tests look at — its id and when it arrived.
import type { Report } from '../../lambdas/core/domain/report';

export function storedReport(id: string, receivedAt: string): Report {
  return { id, title: `t-${id}`, body: 'body', language: 'en', receivedAt, summary: ['s'], keyPhrases: [] };
}
