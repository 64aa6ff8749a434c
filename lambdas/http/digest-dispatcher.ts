// HTTP edge's port: running a send's compose and fan-out somewhere it may run as long as it needs (POST /digests).
// In Lambda, an asynchronous invocation of the send function; locally, the send in the background of this process.
import type { SendRequest } from '../core/use-cases/send-digest';

export interface DigestDispatcher {
  /** Resolves once the send is started elsewhere, not once it is done. */
  dispatchSend(request: SendRequest): Promise<void>;
}
