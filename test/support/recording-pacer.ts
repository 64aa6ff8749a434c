// Test double: a SendPacer that never waits, and remembers what it was asked for.
import type { PacerSlot, SendKind } from '../../lambdas/core/domain/pacing';
import type { SendPacer } from '../../lambdas/core/ports/send-pacer';

export class RecordingPacer implements SendPacer {
  readonly acquired: SendKind[] = [];
  readonly backOffs: number[] = [];
  /** The slots given back, by the index of their acquire. */
  readonly givenBack: number[] = [];

  async acquire(kind: SendKind): Promise<PacerSlot> {
    this.acquired.push(kind);
    return { second: this.acquired.length - 1 };
  }

  async giveBack(slot: PacerSlot): Promise<void> {
    this.givenBack.push(slot.second);
  }

  async backOff(attempt: number): Promise<void> {
    this.backOffs.push(attempt);
  }
}
