// Core: the message of the source-polls queue — one source to poll — in one schema that the SQS writer serializes
// through and the poll function parses with, and how the FIFO queue groups and deduplicates it.
import * as z from 'zod';

/** A source id as registration makes them (random, base64url); anything else is no message of ours. */
const SOURCE_ID = /^[A-Za-z0-9_-]{8,64}$/u;

const pollMessage = z.object({ kind: z.literal('poll-source'), sourceId: z.string().regex(SOURCE_ID) }).strict();

/** One source to poll, and why: it came due, or an operator asked. */
export interface SourcePoll {
  sourceId: string;
  /** The feed's URL: its host is the FIFO group, so one host is polled by one poller at a time. */
  url: string;
  /**
   * What makes two requests for the same poll one message (SQS drops a repeat within 5 minutes): the due time for a
   * scheduled poll, so two finders running at once queue it once; the minute of the request for an operator's.
   */
  occasion: string;
}

export function sourcePollBody(poll: Pick<SourcePoll, 'sourceId'>): string {
  return JSON.stringify(pollMessage.parse({ kind: 'poll-source', sourceId: poll.sourceId }));
}

/** The source a message asks to poll, or undefined for anything else: it would fail the same way on every receive. */
export function parseSourcePollBody(body: string): { sourceId: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = pollMessage.safeParse(json);
  return parsed.success ? { sourceId: parsed.data.sourceId } : undefined;
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
export function pollDeduplicationId(poll: Pick<SourcePoll, 'sourceId' | 'occasion'>): string {
  return `${poll.sourceId}:${poll.occasion}`.replace(/[^\x21-\x7e]/gu, '_').slice(0, 128);
}
