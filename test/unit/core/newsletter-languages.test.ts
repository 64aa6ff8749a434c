// The one list of the languages a newsletter speaks: each has its own words, and nothing else passes for one.
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import { isNewsletterLanguage, NEWSLETTER_LANGUAGES } from '../../../lambdas/core/domain/newsletter-languages';

describe('the newsletter languages', () => {
  it('are Arabic and English', () => {
    expect(NEWSLETTER_LANGUAGES).toEqual(['ar', 'en']);
  });

  it('each have words of their own, and a name in every other', () => {
    const headings = NEWSLETTER_LANGUAGES.map(
      (language) => labelsFor({ name: 'Mujaz', language }, language).digestHeading,
    );
    expect(new Set(headings).size).toBe(NEWSLETTER_LANGUAGES.length);
    for (const language of NEWSLETTER_LANGUAGES) {
      const { languageNames } = labelsFor({ name: 'Mujaz', language });
      expect(Object.keys(languageNames).sort()).toEqual([...NEWSLETTER_LANGUAGES].sort());
    }
  });

  it.each(NEWSLETTER_LANGUAGES)('knows %s', (language) => {
    expect(isNewsletterLanguage(language)).toBe(true);
  });

  it.each(['fr', 'AR', 'ar-EG', 'und', '', undefined, 1])('refuses %j', (value) => {
    expect(isNewsletterLanguage(value)).toBe(false);
  });
});
