// Core layer: what a weekly digest says, before any template gives it a shape.

import type { IsoWeek } from './iso-week';
import { directionOf, type LanguageTag, type TextDirection } from './language';
import { labelsFor, type NewsletterLanguage } from './newsletter-labels';
import type { Report } from './report';

export interface NewsletterIdentity {
  name: string;
  language: NewsletterLanguage;
}

/** Which way a piece of text runs, and the edge templates align it to: the pair every template needs. */
export interface TextLayout {
  direction: TextDirection;
  align: 'right' | 'left';
}

export function layoutOf(language: LanguageTag): TextLayout {
  const direction = directionOf(language);
  return { direction, align: direction === 'rtl' ? 'right' : 'left' };
}

export interface DigestItemView extends TextLayout {
  title: string;
  url?: string;
  summary: string[];
  /** Any ISO 639 code an editor gave; the direction follows from it (directionOf). */
  language: LanguageTag;
  publishedOn?: string;
}

export interface DigestView extends TextLayout {
  subject: string;
  preheader: string;
  newsletterName: string;
  language: NewsletterLanguage;
  heading: string;
  period: string;
  intro: string;
  items: DigestItemView[];
  unsubscribeLabel: string;
  unsubscribeUrl: string;
  footer: string;
}

/** What renderers produce: one rendering shared by every recipient, personalized by personalizeDigest(). */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A digest rendered once and frozen, so a retry sends exactly what the first attempt sent. */
export interface DigestEdition extends RenderedEmail {
  /** One edition per ISO week: "2026-W48". */
  id: string;
  reportIds: string[];
  createdAt: string;
}

/**
 * Stands in for each recipient's unsubscribe link in the shared rendering. It is a syntactically
 * valid URL on a reserved domain (RFC 2606), so templates and HTML-to-text treat it as any link.
 */
export const UNSUBSCRIBE_URL_PLACEHOLDER = 'https://unsubscribe.mujaz.invalid/placeholder';

export function buildDigestView(reports: readonly Report[], week: IsoWeek, newsletter: NewsletterIdentity): DigestView {
  const labels = labelsFor(newsletter.language);
  const period = formatPeriod(week, newsletter.language);
  const items = [...reports]
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
    .map((report): DigestItemView => {
      return {
        title: report.title,
        url: report.url,
        summary: report.summary,
        language: report.language,
        ...layoutOf(report.language),
        publishedOn: report.publishedAt ? formatDay(report.publishedAt, newsletter.language) : undefined,
      };
    });
  return {
    // The newsletter's name travels in the From display name; the subject says which week this is.
    subject: `${labels.digestHeading} · ${period}`,
    preheader: items.map((item) => item.title).join(' · '),
    newsletterName: newsletter.name,
    language: newsletter.language,
    ...layoutOf(newsletter.language),
    heading: labels.digestHeading,
    period,
    intro: labels.digestIntro,
    items,
    unsubscribeLabel: labels.unsubscribe,
    unsubscribeUrl: UNSUBSCRIBE_URL_PLACEHOLDER,
    footer: labels.whyYouGetThis(newsletter.name),
  };
}

/** Puts one recipient's unsubscribe link into the shared rendering. */
export function personalizeDigest(edition: RenderedEmail, unsubscribeUrl: string): RenderedEmail {
  return {
    subject: edition.subject,
    html: edition.html.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(escapeHtmlAttribute(unsubscribeUrl)),
    text: edition.text.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(unsubscribeUrl),
  };
}

export function escapeHtmlAttribute(value: string): string {
  return value
    .replace(/&/gu, '&amp;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;');
}

function locale(language: NewsletterLanguage): string {
  // Western digits: what Arabic news sites mostly print, and unambiguous next to Latin text.
  return language === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
}

function formatPeriod(week: IsoWeek, language: NewsletterLanguage): string {
  const format = new Intl.DateTimeFormat(locale(language), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return format.formatRange(new Date(`${week.firstDay}T00:00:00Z`), new Date(`${week.lastDay}T00:00:00Z`));
}

function formatDay(isoInstant: string, language: NewsletterLanguage): string | undefined {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}
