// Core layer: what an operator sends to register and change a feed source (`POST /sources`, `PATCH /sources/{id}`,
// `mujaz sources …`), checked in one place, and the source as the admin API shows it.
import * as z from 'zod';
import { clipText } from './feed-entries';
import { languageTagFrom } from './language-tag';
import { sourceNameOf } from './report';
import { MAX_SOURCE_LENGTH, sourceName, webLink } from './report-submission';
import type { FullTextPolicy, PollSummary, Source, SourceState } from './source';
import { cleanLine } from './text-cleaning';
import { parseInput } from './validation';

/** The feed's URL, as a report's link is written (trimmed first: a pasted URL often carries a space or a line end). */
const feedUrl = z.string().trim().pipe(webLink);

const language = z.string().transform((given, context) => {
  const tag = languageTagFrom(given);
  if (tag === undefined) {
    context.addIssue({
      // Stryker disable next-line StringLiteral: the issue code is never read: problems carry path and message only
      code: 'custom',
      message: 'must be an ISO 639 language code (two or three letters, e.g. "ar", "en", "fr")',
    });
    return z.NEVER;
  }
  return tag;
});

const registration = z
  .object({
    url: feedUrl,
    name: sourceName.optional(),
    language: language.optional(),
    fullText: z.enum(['auto', 'always', 'never']).default('auto'),
  })
  .strict();

/** A feed as an operator registers it; `name` defaults to the feed's title, `fullText` to auto. */
export interface SourceRegistration {
  /** Trimmed, absolute http(s): the feed, or a page that names one. */
  url: string;
  name?: string;
  /** An ISO 639 code, lower-cased. */
  language?: string;
  fullText: FullTextPolicy;
}

/** `POST /sources`: throws InvalidInputError naming each field that is wrong. */
export function parseSourceRegistration(input: unknown): SourceRegistration {
  return withoutUndefined(parseInput(registration, input));
}

const edit = z
  .object({
    state: z.enum(['paused', 'active']).optional(),
    name: sourceName.optional(),
    ignoreCache: z.boolean().optional(),
  })
  .strict()
  .refine((fields) => Object.values(fields).some((field) => field !== undefined), 'give state, name or ignoreCache');

/** What an operator may change of a source: pause or resume it, rename it, make its polls unconditional. */
export interface SourceEdit {
  state?: 'paused' | 'active';
  name?: string;
  ignoreCache?: boolean;
}

/** `PATCH /sources/{id}`: throws InvalidInputError naming each field that is wrong, or that none is given. */
export function parseSourceEdit(input: unknown): SourceEdit {
  return withoutUndefined(parseInput(edit, input));
}

/**
 * The name of a source registered without one: the feed's title, cleaned to one line (so that the name rule holds)
 * and cut to MAX_SOURCE_LENGTH; for a feed without a title, its host, as a digest names a report without a source.
 */
export function defaultSourceName(feedTitle: string | undefined, url: string): string {
  const name = cleanLine(feedTitle ?? '') || sourceNameOf({ url }) || cleanLine(url);
  return clipText(name, MAX_SOURCE_LENGTH);
}

/**
 * A source as registered at `now`: `url` is the feed's (discovered from the registered page, if it was one), the
 * name the operator's or the feed's (defaultSourceName); active and due at once, with nothing polled yet.
 */
export function newSource(
  registration: SourceRegistration,
  found: { id: string; url: string; feedTitle?: string },
  now: Date,
): Source {
  const at = now.toISOString();
  return {
    id: found.id,
    url: found.url,
    name: registration.name ?? defaultSourceName(found.feedTitle, found.url),
    ...(registration.language !== undefined ? { language: registration.language } : {}),
    fullText: registration.fullText,
    state: 'active',
    createdAt: at,
    nextPollAt: at,
    consecutiveFailures: 0,
    reportsCreated: 0,
    ignoreCache: false,
    cache: {},
  };
}

/**
 * A source once an operator's edit is applied at `now`. Pausing stops its polls (nothing is due). Setting a paused
 * or disabled source active starts it afresh — due at once, its failures forgotten; an active or failing source
 * stays as its polls left it (only a successful poll clears failing).
 */
export function sourceAfterEdit(source: Source, edit: SourceEdit, now: Date): Source {
  const edited: Source = {
    ...source,
    ...(edit.name !== undefined ? { name: edit.name } : {}),
    ...(edit.ignoreCache !== undefined ? { ignoreCache: edit.ignoreCache } : {}),
  };
  if (edit.state === 'paused') {
    const { nextPollAt: _nothingDue, ...paused } = edited;
    return { ...paused, state: 'paused' };
  }
  if (edit.state === 'active' && (source.state === 'paused' || source.state === 'disabled')) {
    const { lastError: _forgotten, ...resumed } = edited;
    return { ...resumed, state: 'active', nextPollAt: now.toISOString(), consecutiveFailures: 0 };
  }
  return edited;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** A source as the admin API and the CLI show it: what an operator reads, no cache internals. */
export interface SourceView {
  id: string;
  url: string;
  name: string;
  language?: string;
  fullText: FullTextPolicy;
  state: SourceState;
  /** null until the first poll. */
  lastPolledAt: string | null;
  /** null for a paused or disabled source: nothing is due. */
  nextPollAt: string | null;
  consecutiveFailures: number;
  lastError?: string;
  lastPoll?: PollSummary;
  reportsCreated: number;
  ignoreCache: boolean;
}

export function sourceView(source: Source): SourceView {
  return {
    id: source.id,
    url: source.url,
    name: source.name,
    ...(source.language !== undefined ? { language: source.language } : {}),
    fullText: source.fullText,
    state: source.state,
    lastPolledAt: source.lastPolledAt ?? null,
    nextPollAt: source.nextPollAt ?? null,
    consecutiveFailures: source.consecutiveFailures,
    ...(source.lastError !== undefined ? { lastError: source.lastError } : {}),
    ...(source.lastPoll !== undefined ? { lastPoll: source.lastPoll } : {}),
    reportsCreated: source.reportsCreated,
    ignoreCache: source.ignoreCache,
  };
}
