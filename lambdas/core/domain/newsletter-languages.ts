// Core layer: the languages a newsletter can speak — its own words, pages and emails exist in each (data/labels.json
// holds them), and a reader may choose any of them. The one list: configuration, the CDK app, the subscribe form and
// the page's ?lang= all check against it. It imports nothing, so lib/ imports it too.

export const NEWSLETTER_LANGUAGES = ['ar', 'en'] as const;

export type NewsletterLanguage = (typeof NEWSLETTER_LANGUAGES)[number];

export function isNewsletterLanguage(value: unknown): value is NewsletterLanguage {
  return (NEWSLETTER_LANGUAGES as readonly unknown[]).includes(value);
}
