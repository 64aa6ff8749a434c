// Core layer: what a digest says, before any template gives it a shape: the email of an edition (its featured
// reports in full, more as headlines) and the edition's web page (every report in full).

import type { EditionEntry } from './edition';
import { byArrival, byPriority, priorityOf } from './edition';
import { escapeHtml } from './html';
import type { LanguageTag } from './language-tag';
import { labelsFor, type NewsletterIdentity } from './newsletter-labels';
import type { NewsletterLanguage } from './newsletter-languages';
import { shownSummary, sourceNameOf } from './report';
import { utf8ByteLength } from './text-cleaning';
import { directionOf, directionOfText, layoutOf, type TextDirection, type TextLayout } from './text-direction';

export interface DigestItemView extends TextLayout {
  /** The fragment the edition's web page gives the report, which the email's headlines link to. */
  anchor: string;
  title: string;
  url?: string;
  summary: string[];
  /** Any ISO 639 code an editor gave; the direction follows from it (directionOf). */
  language: LanguageTag;
  /** The publication it comes from, shown before the date. */
  source?: DigestSourceView;
  publishedOn?: string;
  /** A few of the report's key phrases, shown as small labels under its summary. */
  keyPhrases: string[];
}

/**
 * A report's source name (sourceNameOf) and the way it runs: its own script's way, which is the item's unless the
 * editor wrote, say, a Latin name for an Arabic report; a name without letters runs the item's way. Its language is
 * the item's when they run the same way, else undetermined.
 */
export interface DigestSourceView {
  name: string;
  direction: TextDirection;
  language: LanguageTag;
}

export interface DigestHeadlineView extends TextLayout {
  title: string;
  /** The report on the edition's web page. */
  url: string;
  language: LanguageTag;
}

export interface DigestView extends TextLayout {
  subject: string;
  preheader: string;
  newsletterName: string;
  language: NewsletterLanguage;
  /**
   * The invisible mark of the newsletter's direction (RLM or LRM), put after an item's source name: without it a
   * name in the other script pulls the date after it into its own direction wherever `dir` is dropped.
   */
  directionMark: '\u200F' | '\u200E';
  heading: string;
  period: string;
  intro: string;
  items: DigestItemView[];
  moreHeading: string;
  /** The words of an item's link to the report at its source. */
  readMoreLabel: string;
  headlines: DigestHeadlineView[];
  /** "And 12 more reports on the edition's page", or '' when the email lists every report. */
  unlisted: string;
  /** The edition's web page, or '' on that page itself. */
  webUrl: string;
  webLabel: string;
  unsubscribeLabel: string;
  /** The reader's link (a placeholder until personalizeDigest), or '' on the web page. */
  unsubscribeUrl: string;
  footer: string;
}

/** What renderers produce: one rendering shared by every recipient, personalized by personalizeDigest(). */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Stands in for each recipient's unsubscribe link in the shared rendering. It is a syntactically
 * valid URL on a reserved domain (RFC 2606), so templates and HTML-to-text treat it as any link.
 */
export const UNSUBSCRIBE_URL_PLACEHOLDER = 'https://unsubscribe.mujaz.invalid/placeholder';

/** Gmail clips an HTML part above ~102 KB of encoded source; the reader's own link needs a little room too. */
export const MAX_TRANSMITTED_HTML_BYTES = 100_000;

/** Where the newsletter is and how it writes dates. */
export interface DigestSetting {
  newsletter: NewsletterIdentity;
  timeZone: string;
}

/** An edition's reports as its email shows them: the featured in full, then headlines, then a count of the rest. */
export interface EmailSelection {
  featured: EditionEntry[];
  headlines: EditionEntry[];
  unlisted: number;
}

/**
 * Which reports an email carries in full and which as headlines: the editor's highest `priority` first, then the
 * newest (news loses value with age, and the editor sends what matters most last — the freshest), `featured` of
 * them in full and the next `headlines` as links, each list by priority, then arrival; the rest are counted.
 */
export function selectForEmail(entries: readonly EditionEntry[], featured: number, headlines: number): EmailSelection {
  const ranked = [...entries].sort((a, b) => priorityOf(b) - priorityOf(a) || byArrival(b, a));
  const featuredCount = Math.max(0, featured);
  const chosen = ranked.slice(0, featuredCount).sort(byPriority);
  const listed = ranked.slice(featuredCount, featuredCount + Math.max(0, headlines)).sort(byPriority);
  return { featured: chosen, headlines: listed, unlisted: entries.length - chosen.length - listed.length };
}

/** The email of an edition: `selection` shown, `webUrl` the edition's page. */
export function buildDigestView(selection: EmailSelection, webUrl: string, setting: DigestSetting): DigestView {
  const labels = labelsFor(setting.newsletter);
  const all = [...selection.featured, ...selection.headlines];
  return {
    ...commonView(all, setting),
    intro: labels.digestIntro,
    items: selection.featured.map((entry) => itemView(entry, setting)),
    headlines: selection.headlines.map((entry) => ({
      title: entry.title,
      url: `${webUrl}#${anchorOf(entry)}`,
      language: entry.language,
      ...layoutOf(entry.language),
    })),
    unlisted: selection.unlisted > 0 ? labels.unlistedReports.replace('{count}', String(selection.unlisted)) : '',
    webUrl,
    unsubscribeUrl: UNSUBSCRIBE_URL_PLACEHOLDER,
  };
}

/** The edition's web page: every report in full, no reader's link. */
export function buildEditionPageView(entries: readonly EditionEntry[], setting: DigestSetting): DigestView {
  const labels = labelsFor(setting.newsletter);
  return {
    ...commonView(entries, setting),
    intro: labels.webIntro,
    items: [...entries].sort(byPriority).map((entry) => itemView(entry, setting)),
    headlines: [],
    unlisted: '',
    webUrl: '',
    unsubscribeUrl: '',
  };
}

type CommonView = Omit<DigestView, 'intro' | 'items' | 'headlines' | 'unlisted' | 'webUrl' | 'unsubscribeUrl'>;

function commonView(entries: readonly EditionEntry[], setting: DigestSetting): CommonView {
  const labels = labelsFor(setting.newsletter);
  const period = formatPeriod(entries, setting);
  const layout = layoutOf(setting.newsletter.language);
  return {
    // The newsletter's name travels in the From display name; the subject says which days this covers.
    subject: period ? `${labels.digestHeading} · ${period}` : labels.digestHeading,
    preheader: [...entries]
      .sort(byArrival)
      .map((entry) => entry.title)
      .join(' · '),
    newsletterName: setting.newsletter.name,
    language: setting.newsletter.language,
    ...layout,
    directionMark: layout.direction === 'rtl' ? '\u200F' : '\u200E',
    heading: labels.digestHeading,
    period,
    moreHeading: labels.moreHeading,
    readMoreLabel: labels.readMore,
    webLabel: labels.readOnWeb,
    unsubscribeLabel: labels.unsubscribe,
    footer: labels.whyYouGetThis,
  };
}

/** Labels under an item: enough to say what it is about, few enough to read at a glance. */
export const KEY_PHRASE_LABELS = 4;

function itemView(entry: EditionEntry, setting: DigestSetting): DigestItemView {
  return {
    anchor: anchorOf(entry),
    title: entry.title,
    url: entry.url,
    summary: shownSummary(entry),
    language: entry.language,
    ...layoutOf(entry.language),
    source: sourceViewOf(entry),
    publishedOn: entry.publishedAt ? formatDay(entry.publishedAt, setting) : undefined,
    keyPhrases: (entry.keyPhrases ?? []).slice(0, KEY_PHRASE_LABELS),
  };
}

function sourceViewOf(entry: EditionEntry): DigestSourceView | undefined {
  const name = sourceNameOf(entry);
  if (name === undefined) return undefined;
  const itemDirection = directionOf(entry.language);
  const direction = directionOfText(name) ?? itemDirection;
  return { name, direction, language: direction === itemDirection ? entry.language : 'und' };
}

function anchorOf(entry: EditionEntry): string {
  return `report-${entry.id}`;
}

/**
 * Base64 as MailComposer writes a part: 4 characters for every 3 bytes, in lines of 76 plus CRLF. This is the
 * size Gmail's clipping counts, not the length of the HTML string.
 */
export function transmittedBytes(html: string): number {
  const encoded = Math.ceil(utf8ByteLength(html) / 3) * 4;
  return encoded + Math.ceil(encoded / 76) * 2;
}

/** Puts one recipient's unsubscribe link into the shared rendering. */
export function personalizeDigest(edition: RenderedEmail, unsubscribeUrl: string): RenderedEmail {
  return {
    subject: edition.subject,
    html: edition.html.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(escapeHtml(unsubscribeUrl)),
    text: edition.text.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(unsubscribeUrl),
  };
}

/** The locale each newsletter language prints dates in (the compiler asks for one per language of the list). */
export const DATE_LOCALES: Record<NewsletterLanguage, string> = {
  // Western digits: what Arabic news sites mostly print, and unambiguous next to Latin text.
  ar: 'ar-u-nu-latn',
  en: 'en-GB',
};

/** Dates as the newsletter prints them, in its time zone: "23 November 2026", "23 نوفمبر 2026". */
/** Intl's formatters are slow to make and quick to use: one per language and zone, kept. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat({ newsletter, timeZone }: DigestSetting): Intl.DateTimeFormat {
  const key = `${newsletter.language} ${timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[newsletter.language], {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    dayFormats.set(key, format);
  }
  return format;
}

/** The days the reports arrived on: "23–27 November 2026" (one day alone when they all came the same day). */
function formatPeriod(entries: readonly EditionEntry[], setting: DigestSetting): string {
  if (entries.length === 0) return '';
  const arrivals = entries.map((entry) => entry.receivedAt).sort();
  return dayFormat(setting).formatRange(new Date(arrivals[0] as string), new Date(arrivals.at(-1) as string));
}

/** A day as the newsletter prints it, in its time zone; undefined for a text that is no instant. */
export function formatDay(isoInstant: string, setting: DigestSetting): string | undefined {
  const date = new Date(isoInstant);
  return Number.isNaN(date.getTime()) ? undefined : dayFormat(setting).format(date);
}
