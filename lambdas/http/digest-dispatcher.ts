// HTTP edge's port: starting a full send somewhere it may run as long as it needs (POST /digests). In Lambda, an
// asynchronous invocation of the send function; locally, the send itself, in process.
import type { DigestSendSummary, SendRequest } from '../core/use-cases/send-digest';

export type DispatchOutcome = { status: 'completed'; summary: DigestSendSummary } | { status: 'accepted' };

export interface DigestDispatcher {
  dispatchSend(request: SendRequest): Promise<DispatchOutcome>;
}
