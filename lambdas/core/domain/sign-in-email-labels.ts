// Core layer: the console sign-in email's words in each newsletter language, as data
// (data/sign-in-email-labels.json), apart from the console's page words: the deliver function mails the email and
// carries these alone. "{name}" in them stands for the newsletter's name.
import labelData from './data/sign-in-email-labels.json';
import type { NewsletterLanguage } from './newsletter-languages';

export type SignInEmailLabels = (typeof labelData)['en'];

/** The compiler refuses a newsletter language without its sign-in email words. */
const LABELS: Record<NewsletterLanguage, SignInEmailLabels> = labelData;

export function signInEmailLabels(language: NewsletterLanguage, newsletterName: string): SignInEmailLabels {
  return Object.fromEntries(
    Object.entries(LABELS[language]).map(([key, value]) => [key, value.replaceAll('{name}', newsletterName)]),
  ) as SignInEmailLabels;
}
