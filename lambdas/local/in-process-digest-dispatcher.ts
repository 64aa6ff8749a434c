// Local runtime: runs a full send right away, in this process, and reports its outcome.

import type { UseCases } from '../core/bind-use-cases';
import type { SendRequest } from '../core/use-cases/send-digest';
import type { DigestDispatcher, DispatchOutcome } from '../http/digest-dispatcher';

export class InProcessDigestDispatcher implements DigestDispatcher {
  constructor(private readonly mujaz: Pick<UseCases, 'sendDigest'>) {}

  async dispatchSend(request: SendRequest): Promise<DispatchOutcome> {
    return { status: 'completed', summary: await this.mujaz.sendDigest(request) };
  }
}
