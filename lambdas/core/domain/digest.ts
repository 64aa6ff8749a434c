// Core layer: what a weekly digest says, before any template gives it a shape.

import { escapeHtml } from './html';
import type { IsoWeek } from './iso-week';
import type { LanguageTag } from './language-tag';
import { labelsFor, type NewsletterIdentity, type NewsletterLanguage } from './newsletter-labels';
import type { Report } from './report';
import { layoutOf, type TextLayout } from './text-direction';

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
  const labels = labelsFor(newsletter);
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
    footer: labels.whyYouGetThis,
  };
}

/** Puts one recipient's unsubscribe link into the shared rendering. */
export function personalizeDigest(edition: RenderedEmail, unsubscribeUrl: string): RenderedEmail {
  return {
    subject: edition.subject,
    html: edition.html.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(escapeHtml(unsubscribeUrl)),
    text: edition.text.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(unsubscribeUrl),
  };
}

/** Dates as the newsletter prints them: "23 November 2026", "23 نوفمبر 2026". */
function dayFormat(language: NewsletterLanguage): Intl.DateTimeFormat {
  // Western digits: what Arabic news sites mostly print, and unambiguous next to Latin text.
  const locale = language === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

function formatPeriod(week: IsoWeek, language: NewsletterLanguage): string {
  return dayFormat(language).formatRange(new Date(`${week.firstDay}T00:00:00Z`), new Date(`${week.lastDay}T00:00:00Z`));
}

function formatDay(isoInstant: string, language: NewsletterLanguage): string | undefined {
  const date = new Date(isoInstant);
  return Number.isNaN(date.getTime()) ? undefined : dayFormat(language).format(date);
}
