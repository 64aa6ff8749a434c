// Core layer: who the newsletter is, and the words around the content of its emails and pages, in its language.
// The words are data (data/labels.json); "{name}" in them stands for the newsletter's name.
import labelData from './data/labels.json';
import { isNewsletterLanguage, type NewsletterLanguage } from './newsletter-languages';

export interface NewsletterIdentity {
  name: string;
  language: NewsletterLanguage;
}

export type NewsletterLabels = (typeof labelData)['en'];

/** The words in every newsletter language: the compiler refuses a language of the list without its labels. */
const LABELS: Record<NewsletterLanguage, NewsletterLabels> = labelData;

/** The language we speak to a reader in: theirs when we have words in it, the newsletter's otherwise. */
export function readerLanguage(newsletter: NewsletterIdentity, language: string | undefined): NewsletterLanguage {
  return isNewsletterLanguage(language) ? language : newsletter.language;
}

/** The words of the newsletter's emails and pages, in its own language or in a reader's. */
export function labelsFor(newsletter: NewsletterIdentity, language: string = newsletter.language): NewsletterLabels {
  return withName(LABELS[readerLanguage(newsletter, language)], newsletter.name);
}

/** A copy of the labels, every "{name}" in them replaced by the newsletter's name. */
function withName<T>(labels: T, name: string): T {
  if (typeof labels === 'string') return labels.replaceAll('{name}', name) as T;
  return Object.fromEntries(Object.entries(labels as object).map(([key, value]) => [key, withName(value, name)])) as T;
}
