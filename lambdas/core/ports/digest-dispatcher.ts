// Core port: starting a full send somewhere it may run as long as it needs.
import type { DigestSendSummary } from '../use-cases/send-digest';

export type DispatchOutcome = { status: 'completed'; summary: DigestSendSummary } | { status: 'accepted' };

export interface DigestDispatcher {
  dispatchSend(week: string): Promise<DispatchOutcome>;
}
