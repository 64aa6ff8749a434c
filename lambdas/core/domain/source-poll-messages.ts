// Core: the message of the source-polls queue — one source to poll, and the source as it was queued — in one schema
// that the SQS writer serializes through and the poll function parses with, and how the FIFO queue groups and
// deduplicates it.
import * as z from 'zod';
import type { Source } from './source';

/** A source id as registration makes them (random, base64url); anything else is no message of ours. */
const SOURCE_ID = /^[A-Za-z0-9_-]{8,64}$/u;

const pollSummary = z.object({
  at: z.string(),
  status: z.enum(['modified', 'not-modified', 'failed']),
  items: z.number(),
  created: z.number(),
  duplicates: z.number(),
  skipped: z.number(),
  error: z.string().optional(),
});

/** A source as the finder or an operator's request read it: all a poll needs to make its request and record it. */
const queuedSource: z.ZodType<Source> = z.object({
  id: z.string().regex(SOURCE_ID),
  url: z.string(),
  name: z.string(),
  language: z.string().optional(),
  fullText: z.enum(['auto', 'always', 'never']),
  state: z.enum(['active', 'paused', 'failing', 'disabled']),
  createdAt: z.string(),
  lastPolledAt: z.string().optional(),
  nextPollAt: z.string().optional(),
  consecutiveFailures: z.number(),
  lastError: z.string().optional(),
  lastPoll: pollSummary.optional(),
  reportsCreated: z.number(),
  ignoreCache: z.boolean(),
  cache: z.object({
    etag: z.string().optional(),
    lastModified: z.string().optional(),
    bodySha256: z.string().optional(),
    ttlMinutes: z.number().optional(),
    lastUnconditionalAt: z.string().optional(),
  }),
  revision: z.number().optional(),
});

const pollMessage = z
  .object({ kind: z.literal('poll-source'), sourceId: z.string().regex(SOURCE_ID), source: z.unknown().optional() })
  .strict();

/** One source to poll, and why: it came due, or an operator asked. */
export interface SourcePoll {
  /**
   * The source as it was read when the poll was queued. A poll of an unchanged feed (most polls) then needs no read
   * of its own: its write is refused if the source moved since (the revision), and only then read again.
   */
  source: Source;
  /**
   * What makes two requests for the same poll one message (SQS drops a repeat within 5 minutes): the due time for a
   * scheduled poll, so two finders running at once queue it once; the minute of the request for an operator's.
   */
  occasion: string;
}

export function sourcePollBody(poll: Pick<SourcePoll, 'source'>): string {
  return JSON.stringify(
    pollMessage.parse({ kind: 'poll-source', sourceId: poll.source.id, source: queuedSource.parse(poll.source) }),
  );
}

/**
 * The source a message asks to poll, and the source as queued when the message carries a readable one of that id
 * (else the poll reads it); undefined for anything else: it would fail the same way on every receive.
 */
export function parseSourcePollBody(body: string): { sourceId: string; queued?: Source } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = pollMessage.safeParse(json);
  if (!parsed.success) return undefined;
  const { sourceId } = parsed.data;
  const queued = queuedSource.safeParse(parsed.data.source);
  return queued.success && queued.data.id === sourceId ? { sourceId, queued: queued.data } : { sourceId };
}

/**
 * The FIFO group of a poll: the feed's host, lower-cased, so polls of one host never run at once (each poll makes
 * its requests one after another). SQS takes at most 128 characters of letters, digits and punctuation.
 */
export function pollGroup(url: string): string {
  let host: string;
  try {
    host = new URL(url).host.toLowerCase();
  } catch {
    host = 'unknown';
  }
  return host.replace(/[^\x21-\x7e]/gu, '_').slice(0, 128) || 'unknown';
}

/** The FIFO deduplication id: source and occasion, within SQS's 128 characters. */
export function pollDeduplicationId(poll: Pick<SourcePoll, 'source' | 'occasion'>): string {
  return `${poll.source.id}:${poll.occasion}`.replace(/[^\x21-\x7e]/gu, '_').slice(0, 128);
}
