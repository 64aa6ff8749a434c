// Test double: a SendPacer that never waits, and remembers what it was asked for.
import type { SendKind } from '../../lambdas/core/domain/pacing';
import type { SendPacer } from '../../lambdas/core/ports/send-pacer';

export class RecordingPacer implements SendPacer {
  readonly acquired: SendKind[] = [];
  readonly backOffs: number[] = [];

  async acquire(kind: SendKind): Promise<void> {
    this.acquired.push(kind);
  }

  async backOff(attempt: number): Promise<void> {
    this.backOffs.push(attempt);
  }
}
