import { TemplateRenderError } from '../../../lambdas/adapters/handlebars-templates';
import {
  buildDigestView,
  buildEditionPageView,
  type DigestSetting,
  type DigestView,
  type EmailSelection,
  type RenderedEmail,
  UNSUBSCRIBE_URL_PLACEHOLDER,
} from '../../../lambdas/core/domain/digest';
import type { EditionEntry } from '../../../lambdas/core/domain/edition';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import { ARABIC_CONFIRMATION, ARABIC_REPORT, ENGLISH_REPORT } from '../../support/email-views';
import { realRenderer } from '../../support/real-renderer';

const renderer = realRenderer();
const WEB = 'https://mujaz.example/editions/3';
const inArabic: DigestSetting = { newsletter: { name: 'موجز', language: 'ar' }, timeZone: 'Asia/Riyadh' };
const inEnglish = (name: string): DigestSetting => ({ newsletter: { name, language: 'en' }, timeZone: 'UTC' });
const all = (...entries: EditionEntry[]): EmailSelection => ({ featured: entries, headlines: [], unlisted: 0 });

const arabicReport = ARABIC_REPORT;
const englishReport = ENGLISH_REPORT;

const escapeText = (value: string): string =>
  value
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#x27;');

/** Inner HTML of the first element carrying exactly these dir and lang attributes whose content includes `needle`. */
function elementsWith(html: string, dir: string, lang: string): string[] {
  const pattern = new RegExp(`<(div|p|h1|h2)\\s+dir="${dir}"\\s+lang="${lang}"[^>]*>([\\s\\S]*?)</\\1>`, 'gu');
  return [...html.matchAll(pattern)].map((match) => match[2]!);
}

/** Text without the tags: what a reader sees in the html part. */
const visibleText = (html: string): string => html.replace(/<[^>]*>/gu, '');

describe('Email renderer — digest', () => {
  let view: DigestView;
  let email: RenderedEmail;

  beforeAll(async () => {
    view = buildDigestView(all(englishReport, arabicReport), WEB, inArabic);
    email = await renderer.renderDigest(view);
  });

  it('keeps the subject of the view', () => {
    expect(email.subject).toBe(view.subject);
  });

  it('marks the whole document as Arabic, right to left', () => {
    expect(email.html).toMatch(/<html lang="ar" dir="rtl"[\s>]/u);
  });

  it('puts the Arabic summary inside an element with dir="rtl" lang="ar"', () => {
    const rtl = elementsWith(email.html, 'rtl', 'ar');
    for (const sentence of arabicReport.summary)
      expect(rtl.some((inner) => inner.includes(escapeText(sentence)))).toBe(true);
    expect(rtl.some((inner) => inner.includes(escapeText(arabicReport.title)))).toBe(true);
  });

  it('puts the English summary inside an element with dir="ltr" lang="en"', () => {
    const ltr = elementsWith(email.html, 'ltr', 'en');
    for (const sentence of englishReport.summary)
      expect(ltr.some((inner) => inner.includes(escapeText(sentence)))).toBe(true);
    expect(ltr.some((inner) => inner.includes(englishReport.title))).toBe(true);
    // ... and never in a right-to-left block.
    expect(elementsWith(email.html, 'rtl', 'ar').some((inner) => inner.includes(englishReport.summary[0]!))).toBe(
      false,
    );
  });

  it('aligns each item by its own direction', () => {
    const englishAt = email.html.indexOf(englishReport.summary[0]!);
    const englishBlock = email.html.slice(email.html.lastIndexOf('<td', englishAt), englishAt);
    expect(englishBlock).toContain('align="left"');
    const arabicAt = email.html.indexOf(escapeText(arabicReport.summary[0]!));
    const arabicBlock = email.html.slice(email.html.lastIndexOf('<td', arabicAt), arabicAt);
    expect(arabicBlock).toContain('align="right"');
  });

  it('contains every summary sentence, escaped', () => {
    for (const sentence of [...arabicReport.summary, ...englishReport.summary])
      expect(email.html).toContain(escapeText(sentence));
    expect(email.html).toContain('Shops fear losing parking &amp; say &quot;no&quot; to 5 &lt; 6 lanes.');
  });

  it('escapes a title that holds markup, and never lets it through raw', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('alert("x")');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; الانهيار');
    expect(email.html).not.toMatch(/ & الانهيار/u);
  });

  it('links the title to its URL with the & attribute-escaped', () => {
    expect(email.html).toContain('href="https://news.example/ar?id=1&amp;lang=ar"');
  });

  it('carries the unsubscribe placeholder in both parts, ready for personalizeDigest', () => {
    expect(email.html).toContain(`href="${UNSUBSCRIBE_URL_PLACEHOLDER}"`);
    expect(email.text).toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
    expect(visibleText(email.html)).toContain(labelsFor({ name: 'موجز', language: 'ar' }).unsubscribe);
  });

  it('loads no web fonts', () => {
    expect(email.html).not.toContain('fonts.googleapis.com');
    expect(email.html).not.toMatch(/@import\s+url/u);
  });

  it('has a text part with the titles and summaries and no HTML tags', () => {
    // The text part is word-wrapped at 78 columns: compare with runs of whitespace folded.
    const text = email.text.replace(/\s+/gu, ' ');
    expect(text).toContain(arabicReport.title); // plain text: the characters themselves, not entities
    expect(text).toContain(englishReport.title);
    for (const sentence of [...arabicReport.summary, ...englishReport.summary]) expect(text).toContain(sentence);
    expect(email.text).not.toMatch(/<\/?(html|head|body|div|p|a|h1|h2|table|tr|td|span|br|style|title)\b[^>]*>/iu);
    expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#x27);/u);
  });

  it('shows each item’s key phrases as labels in its own direction, escaped, and a read-more link to its source', async () => {
    const labelled = await renderer.renderDigest(
      buildDigestView(
        all(
          { ...arabicReport, keyPhrases: ['داعش', 'التنظيم <b>', 'الجارديان', 'الانهيار', 'الخامسة'] },
          { ...englishReport, keyPhrases: ['bicycle lanes'] },
        ),
        WEB,
        inArabic,
      ),
    );
    const arabicLabels = elementsWith(labelled.html, 'rtl', 'ar').find((inner) => inner.includes('<span style='))!;
    expect(arabicLabels).toContain('>داعش</span>');
    expect(arabicLabels).toContain('>التنظيم &lt;b&gt;</span>');
    // At most KEY_PHRASE_LABELS (4) of them.
    expect(arabicLabels).not.toContain('الخامسة');
    expect(elementsWith(labelled.html, 'ltr', 'en').some((inner) => inner.includes('>bicycle lanes</span>'))).toBe(
      true,
    );
    // The Arabic report has a URL: a read-more link, in the newsletter's words; the English one has none.
    expect(labelled.html).toContain(`<a href="${escapeText(arabicReport.url!)}">اقرأ المزيد</a>`);
    expect(labelled.html.match(/اقرأ المزيد/gu)).toHaveLength(1);
  });

  it('shows each item’s source before its date, isolated in its own direction and escaped, in both parts', async () => {
    // The Arabic report names no source: its URL's host, a Latin name, runs left to right; the newsletter's RLM
    // keeps the Arabic date after it in place. The English report's source is the editor's, and it has no date.
    expect(email.html).toContain(
      '<p dir="rtl" lang="ar" style="margin:0"><span dir="ltr" lang="und">news.example</span>\u200F · 20 نوفمبر 2026</p>',
    );
    expect(email.html).toContain(
      '<p dir="rtl" lang="ar" style="margin:0"><span dir="ltr" lang="en">Harbour Gazette &amp; &lt;Sons&gt;</span></p>',
    );
    expect(email.html).not.toContain('<Sons>');
    const text = email.text.replace(/\s+/gu, ' ');
    expect(text).toContain('news.example\u200F · 20 نوفمبر 2026');
    expect(text).toContain('Harbour Gazette & <Sons>');

    const named = await renderer.renderDigest(
      buildDigestView(all({ ...arabicReport, source: 'الجزيرة <نت>' }), WEB, inArabic),
    );
    expect(named.html).toContain('<span dir="rtl" lang="ar">الجزيرة &lt;نت&gt;</span>\u200F · 20 نوفمبر 2026</p>');
    expect(named.html).not.toContain('news.example</span>');
    expect(named.text).toContain('الجزيرة <نت>\u200F · 20 نوفمبر 2026');
  });

  it('shows no source line for an item with neither a source nor a URL, nor a date', async () => {
    const { source: _source, ...anonymous } = englishReport;
    const bare = await renderer.renderDigest(buildDigestView(all(anonymous), WEB, inArabic));
    expect(bare.html).not.toContain('<span dir=');
    expect(bare.html).not.toContain('\u200F');
  });

  it('keeps the preheader out of the text part', () => {
    expect(email.text).not.toContain(view.preheader);
  });
});

describe('Email renderer — an English digest', () => {
  it('marks the document English, left to right, with the English footer', async () => {
    const view = buildDigestView(all(englishReport), WEB, inEnglish('Mujaz'));
    const email = await renderer.renderDigest(view);
    expect(email.html).toMatch(/<html lang="en" dir="ltr"[\s>]/u);
    expect(email.text).toContain(labelsFor({ name: 'Mujaz', language: 'en' }).whyYouGetThis);
    expect(email.html).not.toContain('dir="rtl"');
  });

  it('shows an English item’s source and an Arabic one’s before the date, with the newsletter’s LRM', async () => {
    const dated = { ...englishReport, publishedAt: '2026-11-20T10:00:00Z' };
    const email = await renderer.renderDigest(
      buildDigestView(all(dated, { ...arabicReport, source: 'الجزيرة' }), WEB, inEnglish('Mujaz')),
    );
    expect(email.html).toContain(
      '<p dir="ltr" lang="en" style="margin:0"><span dir="ltr" lang="en">Harbour Gazette &amp; &lt;Sons&gt;</span>\u200E · 20 November 2026</p>',
    );
    expect(email.html).toContain(
      '<p dir="ltr" lang="en" style="margin:0"><span dir="rtl" lang="ar">الجزيرة</span>\u200E · 20 November 2026</p>',
    );
    const text = email.text.replace(/\s+/gu, ' ');
    expect(text).toContain('Harbour Gazette & <Sons>\u200E · 20 November 2026');
    expect(text).toContain('الجزيرة\u200E · 20 November 2026');
  });
});

describe('Email renderer — headlines and the edition page', () => {
  it('lists headlines as links to the edition page, each in its own direction, then the count and the web link', async () => {
    const view = buildDigestView({ featured: [englishReport], headlines: [arabicReport], unlisted: 3 }, WEB, inArabic);
    const email = await renderer.renderDigest(view);
    expect(email.html).toContain(
      `<li dir="rtl" lang="ar" style="margin:0 0 6px;text-align:right"><a href="${WEB}#report-ar-1">`,
    );
    expect(visibleText(email.html)).toContain(view.moreHeading);
    expect(visibleText(email.html)).toContain('وتقارير أخرى على صفحة العدد: 3');
    expect(email.html).toContain(`href="${WEB}"`);
    // The headline carries the title only: its summary is on the web page.
    expect(email.html).not.toContain(escapeText(arabicReport.summary[0]!));
    expect(email.text).toContain(`${WEB}#report-ar-1`);
  });

  it('renders the edition page with an anchor for each report and no reader link, web link or footer', async () => {
    const page = await renderer.renderDigest(buildEditionPageView([arabicReport, englishReport], inArabic));
    expect(page.html).toContain('id="report-ar-1"');
    expect(page.html).toContain('id="report-en-1"');
    // Each report's source, as in the email.
    expect(page.html).toContain('<span dir="ltr" lang="und">news.example</span>\u200F · 20 نوفمبر 2026');
    expect(page.html).toContain('<span dir="ltr" lang="en">Harbour Gazette &amp; &lt;Sons&gt;</span>');
    expect(page.html).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
    expect(page.html).not.toContain(WEB);
    expect(visibleText(page.html)).not.toContain(labelsFor(inArabic.newsletter).unsubscribe);
  });
});

describe('Email renderer — confirmation', () => {
  const confirmation = ARABIC_CONFIRMATION;

  it('renders the confirm URL as the button link (escaped) and in the text part (raw)', async () => {
    const email = await renderer.renderConfirmation(confirmation);
    expect(email.subject).toBe(confirmation.subject);
    expect(email.html).toMatch(/<html lang="ar" dir="rtl"[\s>]/u);
    expect(email.html).toContain('href="https://mujaz.example/api/subscriptions/confirm?token=v1.abc.def&amp;x=1"');
    expect(email.text).toContain(confirmation.confirmUrl);
    expect(email.text).toContain(confirmation.button);
    expect(email.text).toContain(confirmation.ignoreNote);
    expect(email.html).not.toContain('fonts.googleapis.com');
  });

  it('refuses a confirm URL that is not http(s)', async () => {
    await expect(renderer.renderConfirmation({ ...confirmation, confirmUrl: 'javascript:alert(1)' })).rejects.toThrow(
      TemplateRenderError,
    );
  });
});

describe('Email renderer — unsafe URLs', () => {
  const view = (): DigestView => buildDigestView(all(englishReport, arabicReport), WEB, inArabic);

  it.each([
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    '//evil.example/x',
    'mailto:a@b.co',
    ' https://padded.example',
  ])('throws when an item URL is %j', async (url) => {
    const unsafe = view();
    unsafe.items[0] = { ...unsafe.items[0]!, url };
    await expect(renderer.renderDigest(unsafe)).rejects.toThrow(TemplateRenderError);
  });

  it('throws when the unsubscribe URL is not http(s)', async () => {
    await expect(renderer.renderDigest({ ...view(), unsubscribeUrl: 'javascript:void(0)' })).rejects.toThrow(
      /not an absolute http\(s\) URL/u,
    );
  });
});
