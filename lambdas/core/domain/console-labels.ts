// Core layer: the console's words in each newsletter language, as data (data/console-labels.json); "{name}" in them
// stands for the newsletter's name. The pages (http/console-pages.ts) and the sign-in email speak them.
import labelData from './data/console-labels.json';
import type { NewsletterLanguage } from './newsletter-languages';

export type ConsoleLabels = (typeof labelData)['en'];

/** The compiler refuses a newsletter language without its console words. */
const LABELS: Record<NewsletterLanguage, ConsoleLabels> = labelData;

export function consoleLabels(language: NewsletterLanguage, newsletterName: string): ConsoleLabels {
  return Object.fromEntries(
    Object.entries(LABELS[language]).map(([key, value]) => [key, value.replaceAll('{name}', newsletterName)]),
  ) as ConsoleLabels;
}
