// Core use cases: the sources an operator registers, looks at, pauses, renames and deletes. Registering fetches the
// address through the same guarded fetcher the polls use: a page is searched for the feed it names, and the feed
// must be one we can read before it is stored. A new source is polled at once.
import { type Actor, API_ACTOR } from '../domain/activity';
import {
  AddressRefusedError,
  ConflictError,
  FeedUnavailableError,
  InvalidInputError,
  NotFoundError,
  SourceNotActiveError,
} from '../domain/errors';
import { sourceUrlKey } from '../domain/feed-links';
import type { Source } from '../domain/source';
import { newSource, parseSourceEdit, parseSourceRegistration, sourceAfterEdit } from '../domain/source-input';
import type { Clock } from '../ports/clock';
import type { FeedParser, ParsedFeed } from '../ports/feed-parser';
import type { IdSource } from '../ports/id-source';
import type { Logger } from '../ports/logger';
import type { SourcePollQueue } from '../ports/source-poll-queue';
import type { SourceRepository } from '../ports/source-repository';
import type { WebFetcher } from '../ports/web-fetcher';
import { type ActivityDeps, noteActivity } from './activity-log';

export interface FeedSourcesDeps {
  sources: SourceRepository;
  fetcher: WebFetcher;
  feeds: FeedParser;
  polls: SourcePollQueue;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
}

/** Of the feeds a page names, how many registration tries before it says the page has none it can read. */
export const MAX_DISCOVERED_TRIED = 3;

/**
 * Registers the feed at `input.url` — or the first readable feed the page there names — polled from now on.
 * Throws InvalidInputError (bad input), AddressRefusedError (a host that is not public), FeedUnavailableError (no
 * feed could be read there) or ConflictError (the feed is registered already).
 */
export async function registerSource(
  deps: FeedSourcesDeps & Pick<ActivityDeps, 'activity'>,
  input: unknown,
  actor: Actor = API_ACTOR,
): Promise<Source> {
  const registration = parseSourceRegistration(input);
  const found = await findFeed(deps, registration.url);
  const source = newSource(
    registration,
    {
      id: deps.ids.sourceId(),
      url: found.url,
      ...(found.feed.title !== undefined ? { feedTitle: found.feed.title } : {}),
    },
    deps.clock.now(),
  );
  const { source: stored, created } = await deps.sources.create(source, sourceUrlKey(found.url));
  if (!created) throw new ConflictError('This feed is registered already.', stored.id);
  await requestPollOf(deps, stored, 'registered');
  await noteActivity(deps, actor, 'source-add', sourceTarget(stored));
  return stored;
}

export async function getSource(deps: Pick<FeedSourcesDeps, 'sources'>, id: string): Promise<Source> {
  const source = await deps.sources.findById(id);
  if (!source) throw new NotFoundError('No source has this id.');
  return source;
}

export function listSources(deps: Pick<FeedSourcesDeps, 'sources'>): Promise<Source[]> {
  return deps.sources.list();
}

/**
 * Pauses or resumes a source, renames it, or makes its polls unconditional (sourceAfterEdit says how each edit
 * acts); re-applied on a fresh read when a poll wrote the source meanwhile.
 */
export async function editSource(
  deps: Pick<FeedSourcesDeps, 'sources'> & ActivityDeps,
  id: string,
  input: unknown,
  actor: Actor = API_ACTOR,
): Promise<Source> {
  const edit = parseSourceEdit(input);
  for (let source = await getSource(deps, id); ; ) {
    const edited = sourceAfterEdit(source, edit, deps.clock.now());
    const result = await deps.sources.save(edited);
    if (result.status === 'saved') {
      await noteActivity(deps, actor, 'source-edit', sourceTarget(edited), {
        ...(edit.state !== undefined ? { state: edit.state } : {}),
        ...(edit.name !== undefined ? { renamed: true } : {}),
      });
      return { ...edited, revision: (source.revision ?? 0) + 1 };
    }
    if (result.status === 'missing') throw new NotFoundError('No source has this id.');
    source = result.current;
  }
}

/** Deletes a source: it is polled no more, its feed may be registered again; the reports it brought stay. */
export async function deleteSource(
  deps: Pick<FeedSourcesDeps, 'sources'> & ActivityDeps,
  id: string,
  actor: Actor = API_ACTOR,
): Promise<void> {
  const source = await getSource(deps, id);
  if (!(await deps.sources.delete(id, sourceUrlKey(source.url)))) throw new NotFoundError('No source has this id.');
  await noteActivity(deps, actor, 'source-delete', sourceTarget(source));
}

/** Queues a poll of the source now, as a scheduled one runs. Throws SourceNotActiveError when paused or disabled. */
export async function requestPoll(
  deps: FeedSourcesDeps & Pick<ActivityDeps, 'activity'>,
  id: string,
  actor: Actor = API_ACTOR,
): Promise<void> {
  const source = await getSource(deps, id);
  if (source.state === 'paused' || source.state === 'disabled')
    throw new SourceNotActiveError(`The source is ${source.state}: resume it before polling it.`);
  // Per minute: a double click queues one poll (SQS drops the repeat), a request a minute later another.
  await requestPollOf(deps, source, `manual-${deps.clock.now().toISOString().slice(0, 16)}`);
  await noteActivity(deps, actor, 'source-poll', sourceTarget(source));
}

function sourceTarget(source: Source) {
  return { kind: 'source' as const, id: source.id, title: source.name };
}

async function requestPollOf(deps: FeedSourcesDeps, source: Source, occasion: string): Promise<void> {
  await deps.polls.enqueue({ source, occasion });
}

/** The feed at the address, or the first readable one of those the page there names. */
async function findFeed(deps: FeedSourcesDeps, url: string): Promise<{ url: string; feed: ParsedFeed }> {
  const response = await fetchForRegistration(deps, url, 'feed');
  try {
    return { url, feed: deps.feeds.parse(response.text, response.url) };
  } catch (error) {
    if (!isUnreadable(error)) throw error;
  }
  const candidates = deps.feeds.discoverFeeds(response.text, response.url).slice(0, MAX_DISCOVERED_TRIED);
  for (const candidate of candidates) {
    try {
      const feedResponse = await fetchForRegistration(deps, candidate, 'feed');
      return { url: candidate, feed: deps.feeds.parse(feedResponse.text, feedResponse.url) };
    } catch (error) {
      if (!isUnreadable(error) && !(error instanceof FeedUnavailableError)) throw error;
    }
  }
  throw new FeedUnavailableError(
    candidates.length === 0
      ? 'No feed found at this address: it is no RSS, Atom or JSON feed, and names none.'
      : 'The feeds this page names could not be read.',
  );
}

/** A GET whose failures become the answer: refused address, bad URL, or nothing readable there (a report's page too). */
export async function fetchForRegistration(
  deps: Pick<FeedSourcesDeps, 'fetcher'>,
  url: string,
  expect: 'feed' | 'page',
) {
  try {
    const response = await deps.fetcher.get({ url, expect });
    if (response.status !== 200) throw new FeedUnavailableError('The address answered without a document.');
    return response;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'WebFetchError') throw error;
    const { reason, message } = error as Error & { reason: string };
    if (reason === 'invalid_url') throw new InvalidInputError(message, [{ field: 'url', message }]);
    if (reason === 'refused_address' || reason === 'refused_redirect') throw new AddressRefusedError(message);
    throw new FeedUnavailableError(message);
  }
}

function isUnreadable(error: unknown): boolean {
  return error instanceof Error && error.name === 'FeedUnreadableError';
}
