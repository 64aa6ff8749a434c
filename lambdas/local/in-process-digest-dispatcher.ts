// Local runtime: runs a full send right away, in this process, and reports its outcome.

import type { Mujaz } from '../core/mujaz';
import type { DigestDispatcher, DispatchOutcome } from '../core/ports/digest-dispatcher';

export class InProcessDigestDispatcher implements DigestDispatcher {
  constructor(private readonly mujaz: Pick<Mujaz, 'sendDigest'>) {}

  async dispatchSend(week: string): Promise<DispatchOutcome> {
    return { status: 'completed', summary: await this.mujaz.sendDigest(week) };
  }
}
