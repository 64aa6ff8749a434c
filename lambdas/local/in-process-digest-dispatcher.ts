// Local runtime: runs a full send right away, in this process, and reports its outcome.

import type { UseCases } from '../core/bind-use-cases';
import type { DigestDispatcher, DispatchOutcome } from '../http/digest-dispatcher';

export class InProcessDigestDispatcher implements DigestDispatcher {
  constructor(private readonly mujaz: Pick<UseCases, 'sendDigest'>) {}

  async dispatchSend(week: string): Promise<DispatchOutcome> {
    return { status: 'completed', summary: await this.mujaz.sendDigest(week) };
  }
}
