// Core layer: a source — a feed an operator registered, which Mujaz polls for reports — and what its polls leave.

/**
 * active: polled when due. paused: by the operator, never polled. failing: 3 or more failed polls in a row, still
 * polled (backing off) and alarmed on. disabled: the server answered 410 Gone; polled no more.
 */
export type SourceState = 'active' | 'paused' | 'failing' | 'disabled';

/** When an entry's page is fetched for its full text: auto when the feed gives too little, always, or never. */
export type FullTextPolicy = 'auto' | 'always' | 'never';

/** What one poll did. Items examined = created + duplicates + skipped. */
export interface PollSummary {
  at: string;
  status: 'modified' | 'not-modified' | 'failed';
  items: number;
  created: number;
  duplicates: number;
  skipped: number;
  /** Why it failed, in words an editor understands. */
  error?: string;
}

/** The validators and hash of the last document a poll read, for the next conditional GET. */
export interface SourceCache {
  etag?: string;
  lastModified?: string;
  bodySha256?: string;
  /** The feed's <ttl> as the last document read gave it: a 304 brings no document, so it is kept for the next. */
  ttlMinutes?: number;
  /** The last poll that sent no validators: a server's "not modified" is checked unconditionally daily. */
  lastUnconditionalAt?: string;
}

export interface Source {
  id: string;
  /** The feed's URL (after discovery), as registered; its normalized form is the source's identity. */
  url: string;
  name: string;
  /** The language reports from this source are given, when the operator set one (else each is detected). */
  language?: string;
  fullText: FullTextPolicy;
  state: SourceState;
  createdAt: string;
  lastPolledAt?: string;
  /** When the next poll is due; absent for a paused or disabled source (nothing is due). */
  nextPollAt?: string;
  consecutiveFailures: number;
  lastError?: string;
  lastPoll?: PollSummary;
  reportsCreated: number;
  /** Drop the validators: every poll is unconditional until the operator clears it. */
  ignoreCache: boolean;
  cache: SourceCache;
  /**
   * Counts the source's writes. A write is refused when the stored revision moved since the source was read (two
   * polls, or a poll and an operator's edit, at once): the writer reads again and re-applies its change.
   */
  revision?: number;
}
