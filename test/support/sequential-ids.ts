// Test double: IdSource handing out 1, 2, 3 … as valid subscription ids, so that tests can tell subscriptions apart.
import type { IdSource } from '../../lambdas/core/ports/id-source';

export class SequentialIds implements IdSource {
  private issued = 0;

  subscriptionId(): string {
    this.issued += 1;
    const bytes = Buffer.alloc(16);
    bytes.writeUInt32BE(this.issued, 12);
    return bytes.toString('base64url');
  }

  private sources = 0;

  /** src00001, src00002 … */
  sourceId(): string {
    this.sources += 1;
    return `src${String(this.sources).padStart(5, '0')}`;
  }

  private imports = 0;

  /** imp000000000001, … : 16 characters, as the real ones. */
  importId(): string {
    this.imports += 1;
    return `imp${String(this.imports).padStart(13, '0')}`;
  }

  private secrets = 0;

  /** secret-1, secret-2 … */
  secret(): string {
    this.secrets += 1;
    return `secret-${this.secrets}`;
  }
}

/** The id SequentialIds issues n-th (1 for the first). */
export function nthSubscriptionId(n: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(n, 12);
  return bytes.toString('base64url');
}
