import {
  buildDigestView,
  escapeHtmlAttribute,
  personalizeDigest,
  UNSUBSCRIBE_URL_PLACEHOLDER,
} from '../../../lambdas/core/domain/digest';
import { parseIsoWeek } from '../../../lambdas/core/domain/iso-week';
import { listUnsubscribeHeaders } from '../../../lambdas/core/domain/list-unsubscribe';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
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

  it("uses the newsletter language's labels and the shared unsubscribe placeholder", () => {
    const labels = labelsFor('ar');
    expect(view.heading).toBe(labels.digestHeading);
    expect(view.subject.startsWith(labels.digestHeading)).toBe(true);
    expect(view.subject).toContain(view.period);
    expect(view.footer).toBe(labels.whyYouGetThis('موجز'));
    expect(view.unsubscribeUrl).toBe(UNSUBSCRIBE_URL_PLACEHOLDER);
    expect(view.preheader).toBe([english.title, undetermined.title, arabic.title].join(' · '));
  });

  it('names the period from Monday to Sunday with Western digits', () => {
    const en = buildDigestView([english], week, { name: 'Mujaz', language: 'en' });
    expect(en.period).toMatch(/23/u);
    expect(en.period).toMatch(/29/u);
    expect(en.period).toContain('November');
    expect(en.period).toContain('2026');
    expect(view.period).toMatch(/23.*29/u);
    expect(view.period).not.toMatch(/[٠-٩]/u);
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

describe('escapeHtmlAttribute', () => {
  it('escapes the five characters that matter in attributes and text', () => {
    expect(escapeHtmlAttribute(`a&b"c'd<e>f`)).toBe('a&amp;b&quot;c&#39;d&lt;e&gt;f');
    expect(escapeHtmlAttribute('&amp;')).toBe('&amp;amp;');
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
