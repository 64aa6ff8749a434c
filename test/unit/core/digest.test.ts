import { buildDigestView, personalizeDigest, UNSUBSCRIBE_URL_PLACEHOLDER } from '../../../lambdas/core/domain/digest';
import { escapeHtml } from '../../../lambdas/core/domain/html';
import { parseIsoWeek } from '../../../lambdas/core/domain/iso-week';
import { listUnsubscribeHeaders } from '../../../lambdas/core/domain/list-unsubscribe';
import type { Report } from '../../../lambdas/core/domain/report';

function report(overrides: Partial<Report> & Pick<Report, 'id' | 'title' | 'language' | 'receivedAt'>): Report {
  return { body: 'body', week: '2026-W48', summary: [`${overrides.title} summary.`], keyPhrases: [], ...overrides };
}

const arabic = report({
  id: 'ar1',
  title: 'تقرير عربي',
  language: 'ar',
  receivedAt: '2026-11-25T08:00:00.000Z',
  url: 'https://example.com/ar',
  publishedAt: '2026-11-20T10:00:00Z',
});
const english = report({
  id: 'en1',
  title: 'An English report',
  language: 'en',
  receivedAt: '2026-11-23T08:00:00.000Z',
});
const undetermined = report({ id: 'und1', title: 'Привет', language: 'und', receivedAt: '2026-11-24T08:00:00.000Z' });
const week = parseIsoWeek('2026-W48');

describe('buildDigestView', () => {
  const view = buildDigestView([arabic, english, undetermined], week, { name: 'موجز', language: 'ar' });

  it('orders items by arrival, oldest first', () => {
    expect(view.items.map((item) => item.title)).toEqual([english.title, undetermined.title, arabic.title]);
  });

  it('breaks ties in arrival time by report id', () => {
    const a = report({ id: 'b-second', title: 'B', language: 'en', receivedAt: '2026-11-23T08:00:00.000Z' });
    const b = report({ id: 'a-first', title: 'A', language: 'en', receivedAt: '2026-11-23T08:00:00.000Z' });
    expect(buildDigestView([a, b], week, { name: 'N', language: 'en' }).items.map((item) => item.title)).toEqual([
      'A',
      'B',
    ]);
  });

  it('does not reorder the array it was given', () => {
    const input = [arabic, english];
    buildDigestView(input, week, { name: 'موجز', language: 'ar' });
    expect(input).toEqual([arabic, english]);
  });

  it('reads an Arabic item right to left, aligned right', () => {
    const item = view.items.find((candidate) => candidate.language === 'ar')!;
    expect(item).toMatchObject({
      direction: 'rtl',
      align: 'right',
      url: 'https://example.com/ar',
      summary: arabic.summary,
    });
  });

  it('reads English and undetermined items left to right, aligned left, inside an Arabic newsletter', () => {
    for (const language of ['en', 'und'] as const) {
      expect(view.items.find((item) => item.language === language)).toMatchObject({ direction: 'ltr', align: 'left' });
    }
  });

  it('takes the direction of the whole email from the newsletter language', () => {
    expect(view).toMatchObject({ language: 'ar', direction: 'rtl', align: 'right' });
    expect(buildDigestView([arabic], week, { name: 'Mujaz', language: 'en' })).toMatchObject({
      language: 'en',
      direction: 'ltr',
      align: 'left',
    });
  });

  it("uses the newsletter language's labels, with the newsletter's name, and the shared unsubscribe placeholder", () => {
    expect(view.heading).toBe('موجز الأسبوع');
    expect(view.subject).toBe('موجز الأسبوع · 23–29 نوفمبر 2026');
    expect(view.intro).toBe('أبرز التقارير هذا الأسبوع، في سطور.');
    expect(view.unsubscribeLabel).toBe('إلغاء الاشتراك');
    expect(view.footer).toBe('وصلتك هذه الرسالة لأنك مشترك في موجز.');
    const inEnglish = buildDigestView([arabic], week, { name: 'The Brief', language: 'en' });
    expect(inEnglish.subject).toBe('The week in brief · 23\u2009–\u200929 November 2026');
    expect(inEnglish.footer).toBe('You receive this because you subscribed to The Brief.');
    expect(view.unsubscribeUrl).toBe(UNSUBSCRIBE_URL_PLACEHOLDER);
    expect(view.preheader).toBe([english.title, undetermined.title, arabic.title].join(' · '));
  });

  it('names the period from Monday to Sunday with Western digits', () => {
    expect(buildDigestView([english], week, { name: 'Mujaz', language: 'en' }).period).toBe(
      '23\u2009–\u200929 November 2026', // ICU puts thin spaces around the en dash in en-GB
    );
    expect(view.period).toBe('23–29 نوفمبر 2026');
    const acrossMonths = parseIsoWeek('2026-W49');
    expect(buildDigestView([english], acrossMonths, { name: 'Mujaz', language: 'en' }).period).toBe(
      '30 November\u2009–\u20096 December 2026',
    );
  });

  it('formats publishedAt as a day, and leaves it out when it is missing or not a date', () => {
    expect(view.items.find((item) => item.language === 'ar')!.publishedOn).toMatch(/20/u);
    expect(view.items.find((item) => item.language === 'en')!.publishedOn).toBeUndefined();
    const bad = buildDigestView(
      [
        report({
          id: 'x',
          title: 'X',
          language: 'en',
          receivedAt: '2026-11-23T08:00:00.000Z',
          publishedAt: 'not a date',
        }),
      ],
      week,
      {
        name: 'N',
        language: 'en',
      },
    );
    expect(bad.items[0]!.publishedOn).toBeUndefined();
  });
});

describe('personalizeDigest', () => {
  const edition = {
    subject: 'Subject',
    html: `<p>Hi</p><a href="${UNSUBSCRIBE_URL_PLACEHOLDER}">Unsubscribe</a><a href="${UNSUBSCRIBE_URL_PLACEHOLDER}">again</a>`,
    text: `Hi\nUnsubscribe [${UNSUBSCRIBE_URL_PLACEHOLDER}]`,
  };

  it('puts the reader link everywhere the placeholder was, in html and text', () => {
    const url = 'https://mujaz.example/unsubscribe?token=v1.abc.def';
    const personal = personalizeDigest(edition, url);
    expect(personal.subject).toBe('Subject');
    expect(personal.html).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
    expect(personal.text).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
    expect(personal.html.split(`href="${url}"`)).toHaveLength(3);
    expect(personal.text).toContain(`[${url}]`);
  });

  it('attribute-escapes the link in html and keeps it raw in text', () => {
    const url = 'https://mujaz.example/unsubscribe?token=abc&lang=ar"x\'<y>';
    const personal = personalizeDigest(edition, url);
    expect(personal.html).toContain(
      'href="https://mujaz.example/unsubscribe?token=abc&amp;lang=ar&quot;x&#39;&lt;y&gt;"',
    );
    expect(personal.html).not.toContain('token=abc&lang');
    expect(personal.text).toContain(`[${url}]`);
  });

  it('leaves the shared edition untouched', () => {
    const before = structuredClone(edition);
    personalizeDigest(edition, 'https://mujaz.example/unsubscribe?token=x');
    expect(edition).toEqual(before);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in attributes and text', () => {
    expect(escapeHtml(`a&b"c'd<e>f`)).toBe('a&amp;b&quot;c&#39;d&lt;e&gt;f');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('listUnsubscribeHeaders', () => {
  it('spells the RFC 2369 and RFC 8058 headers exactly', () => {
    expect(listUnsubscribeHeaders('https://mujaz.example/unsubscribe?token=v1.abc.def')).toEqual({
      'List-Unsubscribe': '<https://mujaz.example/unsubscribe?token=v1.abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});
