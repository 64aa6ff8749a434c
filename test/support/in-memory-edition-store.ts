// Test double: EditionStore in a Map, opening serialized like the DynamoDB adapter's transaction.
import type {
  Edition,
  EditionPeriod,
  EditionRetry,
  FanOutProgress,
  FrozenEmail,
  PublishedEdition,
} from '../../lambdas/core/domain/edition';
import type { EditionStore } from '../../lambdas/core/ports/edition-store';

export class InMemoryEditionStore implements EditionStore {
  private readonly editions = new Map<string, Edition>();
  private latestId: string | undefined;
  readonly emptyRuns: Array<EditionPeriod & { at: string }> = [];

  async latest(): Promise<Edition | undefined> {
    return this.latestId === undefined ? undefined : this.find(this.latestId);
  }

  async find(id: string): Promise<Edition | undefined> {
    const edition = this.editions.get(id);
    return edition && structuredClone(edition);
  }

  async open(edition: Edition, previousId: string | undefined): Promise<{ edition: Edition; opened: boolean }> {
    if (this.latestId !== previousId || this.editions.has(edition.id)) {
      return { edition: (await this.latest()) as Edition, opened: false };
    }
    this.editions.set(edition.id, structuredClone(edition));
    this.latestId = edition.id;
    return { edition: structuredClone(edition), opened: true };
  }

  async freeze(id: string, email: FrozenEmail): Promise<Edition> {
    const edition = this.editions.get(id);
    if (!edition) throw new Error(`no edition ${id}`);
    if (edition.state === 'composing')
      this.editions.set(id, { ...edition, state: 'sending', email: structuredClone(email) });
    return (await this.find(id)) as Edition;
  }

  async published(limit: number): Promise<PublishedEdition[]> {
    return [...this.editions.values()]
      .filter((edition) => edition.state !== 'composing' && edition.email)
      .sort((a, b) => b.number - a.number)
      .slice(0, limit)
      .map(({ id, number, openedAt, email }) => ({
        id,
        number,
        openedAt,
        subject: email?.subject ?? '',
        reports: email?.reports ?? 0,
      }));
  }

  async frozenEmail(id: string): Promise<FrozenEmail | undefined> {
    return (await this.find(id))?.email;
  }

  /** Like the DynamoDB adapter's conditional update: only from the cursor stored, the first page only once. */
  async advanceFanOut(id: string, from: string | undefined, to: FanOutProgress): Promise<boolean> {
    const edition = this.editions.get(id);
    if (edition?.state !== 'sending') return false;
    const fresh = from === undefined ? edition.recipients === undefined : edition.cursor === from;
    if (!fresh) return false;
    const { cursor: _cursor, ...rest } = edition;
    this.editions.set(id, {
      ...rest,
      recipients: to.recipients,
      ...(to.cursor !== undefined ? { cursor: to.cursor } : {}),
    });
    return true;
  }

  async recordRetry(id: string, retry: EditionRetry): Promise<void> {
    const edition = this.editions.get(id);
    if (edition) this.editions.set(id, { ...edition, lastRetry: structuredClone(retry) });
  }

  async markQueued(id: string, at: Date): Promise<void> {
    const edition = this.editions.get(id);
    if (edition?.state === 'sending' && edition.cursor === undefined)
      this.editions.set(id, { ...edition, state: 'queued', queuedAt: at.toISOString() });
  }

  async lastEmptyRunAt(): Promise<string | undefined> {
    return this.emptyRuns.at(-1)?.at;
  }

  async recordEmptyRun(period: EditionPeriod, at: Date): Promise<void> {
    this.emptyRuns.push({ ...period, at: at.toISOString() });
  }

  /** Test helper: every edition, in the order opened. */
  all(): Edition[] {
    return [...this.editions.values()].map((edition) => structuredClone(edition));
  }
}
