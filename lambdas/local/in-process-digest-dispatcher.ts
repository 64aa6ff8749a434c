// Local runtime: runs a send's compose and fan-out in the background of this process, as the send function would
// in Lambda; the queue poller delivers what it queues.
import type { UseCases } from '../composition/compose-use-cases';
import type { Logger } from '../core/ports/logger';
import type { SendRequest } from '../core/use-cases/send-digest';
import type { DigestDispatcher } from '../http/digest-dispatcher';

export class InProcessDigestDispatcher implements DigestDispatcher {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly mujaz: Pick<UseCases, 'sendDigest'>,
    private readonly logger: Logger,
  ) {}

  async dispatchSend(request: SendRequest): Promise<void> {
    const send = this.mujaz
      .sendDigest(request)
      .catch((error: unknown) => {
        // The next send resumes where this one stopped.
        this.logger.error('digest send failed', { error: error instanceof Error ? error.name : 'unknown' });
      })
      .finally(() => this.running.delete(send));
    this.running.add(send);
  }

  /** Resolves once every send started so far has finished (stopping the runtime waits for them). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
