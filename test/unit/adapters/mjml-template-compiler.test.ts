// The email templates compiled at build time render exactly what Handlebars-then-MJML rendered for every email,
// byte for byte, in both directions; the compiler validates strictly and refuses what it could not compile back.
import { convert } from 'html-to-text';
import {
  compileEmailTemplate,
  compileEmailTemplateSources,
  TemplateCompileError,
} from '../../../lambdas/adapters/mjml-template-compiler';
import {
  buildDigestView,
  buildEditionPageView,
  type DigestSetting,
  type DigestView,
} from '../../../lambdas/core/domain/digest';
import type { ConfirmationView } from '../../../lambdas/core/ports/email-renderer';
import { ARABIC_CONFIRMATION, ARABIC_REPORT, ENGLISH_REPORT } from '../../support/email-views';
import { mjmlReferenceRenderer } from '../../support/mjml-reference-renderer';
import { realRenderer, TEMPLATES_DIRECTORY } from '../../support/real-renderer';

const reference = mjmlReferenceRenderer(TEMPLATES_DIRECTORY);
const renderer = realRenderer();
const WEB = 'https://mujaz.example/editions/3';
const inArabic: DigestSetting = { newsletter: { name: 'موجز', language: 'ar' }, timeZone: 'Asia/Riyadh' };
const inEnglish: DigestSetting = { newsletter: { name: 'Mujaz', language: 'en' }, timeZone: 'UTC' };

const arabicReport = ARABIC_REPORT;
const englishReport = ENGLISH_REPORT;

const digests: [string, DigestView][] = [
  [
    'an Arabic digest with an English report, headlines and unlisted reports',
    buildDigestView(
      { featured: [arabicReport, englishReport], headlines: [englishReport, arabicReport], unlisted: 2 },
      WEB,
      inArabic,
    ),
  ],
  ['an English digest', buildDigestView({ featured: [englishReport], headlines: [], unlisted: 0 }, WEB, inEnglish)],
  [
    'an English digest with key phrases, a dated report without a source or URL, and headlines',
    buildDigestView(
      {
        featured: [
          { ...englishReport, keyPhrases: ['bicycle lanes', 'parking & <shops>'], publishedAt: '2026-11-21T09:00:00Z' },
          { ...englishReport, id: 'en-2', source: undefined, publishedAt: '2026-11-22T09:00:00Z' },
          { ...arabicReport, keyPhrases: ['داعش'] },
        ],
        headlines: [arabicReport],
        unlisted: 0,
      },
      WEB,
      inEnglish,
    ),
  ],
  [
    "an edition's web page (no reader link, no web link)",
    buildEditionPageView([arabicReport, englishReport], inArabic),
  ],
];

const arabicConfirmation = ARABIC_CONFIRMATION;
const englishConfirmation: ConfirmationView = {
  ...arabicConfirmation,
  subject: 'Confirm',
  language: 'en',
  direction: 'ltr',
  align: 'left',
  heading: 'One more step',
};

describe('templates compiled at build time', () => {
  it.each(digests)('render %s byte for byte as MJML at run time did', async (_name, view) => {
    expect((await renderer.renderDigest(view)).html).toBe(await reference.digestHtml(view));
  });

  it.each([
    ['Arabic', arabicConfirmation],
    ['English', englishConfirmation],
  ])('render the %s confirmation byte for byte as MJML at run time did', async (_name, view) => {
    expect((await renderer.renderConfirmation(view)).html).toBe(await reference.confirmationHtml(view));
  });

  it.each(digests)('give %s a text part (its own template) saying what its HTML says', async (_name, view) => {
    const email = await renderer.renderDigest(view);
    // What html-to-text made of the HTML when the digest's text part was derived from it. It wrapped lines at 78
    // characters (a list item's next line indented) and could end in blank lines, the text template does not: those
    // aside, the two are the same.
    const fromHtml = convert(email.html, {
      wordwrap: 78,
      selectors: [
        { selector: '.preheader', format: 'skip' },
        { selector: 'title', format: 'skip' },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ],
    });
    const unwrapped = (text: string) => text.replace(/(?<!\n)\n(?!\n) */gu, ' ').trimEnd();
    expect(unwrapped(email.text)).toBe(unwrapped(fromHtml));
  });

  it.each([
    ['Arabic', arabicConfirmation],
    ['English', englishConfirmation],
  ])('give the %s confirmation a text part (its own template) saying what its HTML says', async (_name, view) => {
    const email = await renderer.renderConfirmation(view);
    // What html-to-text made of the HTML before (as it did for the digest's text part). It wrapped lines at 78
    // characters, the text template does not: line breaks inside a paragraph aside, the two are the same.
    const fromHtml = convert(email.html, {
      wordwrap: 78,
      selectors: [
        { selector: 'title', format: 'skip' },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ],
    });
    const unwrapped = (text: string) => text.replace(/(?<!\n)\n(?!\n)/gu, ' ');
    expect(unwrapped(email.text)).toBe(unwrapped(fromHtml));
    expect(email.text).toContain(`[${view.confirmUrl}]`);
  });

  it('hold HTML and Handlebars only: no MJML tag, the placeholders and blocks kept', async () => {
    const { digest, confirmation } = await compileEmailTemplateSources(TEMPLATES_DIRECTORY);
    for (const html of [digest, confirmation]) {
      expect(html).not.toMatch(/<\/?mj-|<mjml/u);
      expect(html).toContain('<html lang="{{language}}" dir="{{direction}}"');
      expect(html).toContain('text-align:{{align}}');
    }
    expect(digest).toContain('{{#each items}}');
    expect(confirmation).toContain('href="{{url confirmUrl}}"');
  });
});

describe('compileEmailTemplate', () => {
  it('validates strictly', async () => {
    await expect(compileEmailTemplate('broken', '<mjml><mj-body><mj-unknown-tag /></mj-body></mjml>')).rejects.toThrow(
      TemplateCompileError,
    );
  });

  it('refuses a direction it could not turn back into a placeholder (glued to another word)', async () => {
    const glued =
      '<mjml><mj-body><mj-section><mj-column><mj-text><p class="is{{direction}}">x</p></mj-text></mj-column></mj-section></mj-body></mjml>';
    await expect(compileEmailTemplate('glued', glued)).rejects.toThrow(/"isltr" \/ "isrtl"/u);
  });
});
