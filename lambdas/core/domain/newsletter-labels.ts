// Core layer: who the newsletter is, and the words around the content of its emails and pages, in its language.
// The words are data (data/labels.json); "{name}" in them stands for the newsletter's name.
import labelData from './data/labels.json';

export type NewsletterLanguage = 'ar' | 'en';

export interface NewsletterIdentity {
  name: string;
  language: NewsletterLanguage;
}

export type NewsletterLabels = (typeof labelData)['en'];

export const NEWSLETTER_LANGUAGES: readonly NewsletterLanguage[] = ['ar', 'en'];

export function isNewsletterLanguage(value: unknown): value is NewsletterLanguage {
  return (NEWSLETTER_LANGUAGES as readonly unknown[]).includes(value);
}

/** The language we speak to a reader in: theirs when we have words in it, the newsletter's otherwise. */
export function readerLanguage(newsletter: NewsletterIdentity, language: string | undefined): NewsletterLanguage {
  return isNewsletterLanguage(language) ? language : newsletter.language;
}

/** The words of the newsletter's emails and pages, in its own language or in a reader's. */
export function labelsFor(newsletter: NewsletterIdentity, language: string = newsletter.language): NewsletterLabels {
  return withName(labelData[readerLanguage(newsletter, language)], newsletter.name);
}

/** A copy of the labels, every "{name}" in them replaced by the newsletter's name. */
function withName<T>(labels: T, name: string): T {
  if (typeof labels === 'string') return labels.replaceAll('{name}', name) as T;
  return Object.fromEntries(Object.entries(labels as object).map(([key, value]) => [key, withName(value, name)])) as T;
}
