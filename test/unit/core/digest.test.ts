import {
  buildDigestView,
  buildEditionPageView,
  type DigestSetting,
  type EmailSelection,
  personalizeDigest,
  selectForEmail,
  transmittedBytes,
  UNSUBSCRIBE_URL_PLACEHOLDER,
} from '../../../lambdas/core/domain/digest';
import type { EditionEntry } from '../../../lambdas/core/domain/edition';
import { escapeHtml } from '../../../lambdas/core/domain/html';
import { listUnsubscribeHeaders } from '../../../lambdas/core/domain/list-unsubscribe';

function entry(overrides: Partial<EditionEntry> & Pick<EditionEntry, 'id' | 'title' | 'language' | 'receivedAt'>) {
  return { summary: [`${overrides.title} summary.`], ...overrides } satisfies EditionEntry;
}

const arabic = entry({
  id: 'ar1',
  title: 'تقرير عربي',
  language: 'ar',
  receivedAt: '2026-11-25T08:00:00.000Z',
  url: 'https://example.com/ar',
  publishedAt: '2026-11-20T10:00:00Z',
});
const english = entry({
  id: 'en1',
  title: 'An English report',
  language: 'en',
  receivedAt: '2026-11-23T08:00:00.000Z',
});
const undetermined = entry({ id: 'und1', title: 'Привет', language: 'und', receivedAt: '2026-11-24T08:00:00.000Z' });

const WEB = 'https://mujaz.example/editions/7';
const inArabic: DigestSetting = { newsletter: { name: 'موجز', language: 'ar' }, timeZone: 'Asia/Riyadh' };
const inEnglish: DigestSetting = { newsletter: { name: 'The Brief', language: 'en' }, timeZone: 'Asia/Riyadh' };
const all = (...entries: EditionEntry[]): EmailSelection => ({ featured: entries, headlines: [], unlisted: 0 });

describe('selectForEmail', () => {
  const entries = [arabic, english, undetermined];

  it('features the newest reports and lists the next newest as headlines, each list in arrival order', () => {
    expect(selectForEmail(entries, 2, 5)).toEqual({
      featured: [undetermined, arabic],
      headlines: [english],
      unlisted: 0,
    });
    expect(selectForEmail(entries, 1, 1)).toEqual({ featured: [arabic], headlines: [undetermined], unlisted: 1 });
    expect(selectForEmail(entries, 0, 0)).toEqual({ featured: [], headlines: [], unlisted: 3 });
  });

  it('puts an editor’s priority before arrival: a lifted older report is featured and shown first', () => {
    const lifted = { ...english, priority: 5 };
    const pushed = { ...undetermined, priority: -1 };
    expect(selectForEmail([arabic, lifted, pushed], 1, 5)).toEqual({
      featured: [lifted],
      headlines: [arabic, pushed],
      unlisted: 0,
    });
    expect(selectForEmail([arabic, lifted, undetermined], 3, 0).featured).toEqual([lifted, undetermined, arabic]);
    const page = buildEditionPageView([arabic, lifted, pushed], inEnglish);
    expect(page.items.map((item) => item.title)).toEqual([lifted.title, arabic.title, pushed.title]);
  });

  it('takes a negative count for none, and does not reorder the array it was given', () => {
    expect(selectForEmail(entries, -1, -1)).toEqual({ featured: [], headlines: [], unlisted: 3 });
    expect(entries).toEqual([arabic, english, undetermined]);
  });

  it('breaks ties in arrival time by report id', () => {
    const b = entry({ id: 'b-second', title: 'B', language: 'en', receivedAt: '2026-11-23T08:00:00.000Z' });
    const a = entry({ id: 'a-first', title: 'A', language: 'en', receivedAt: '2026-11-23T08:00:00.000Z' });
    expect(selectForEmail([b, a], 2, 0).featured).toEqual([a, b]);
    expect(selectForEmail([a, b], 1, 1)).toEqual({ featured: [b], headlines: [a], unlisted: 0 });
  });
});

describe('buildDigestView', () => {
  const view = buildDigestView(selectForEmail([arabic, english, undetermined], 3, 0), WEB, inArabic);

  it('shows the featured reports in arrival order, each with its anchor on the edition page', () => {
    expect(view.items.map((item) => [item.title, item.anchor])).toEqual([
      [english.title, 'report-en1'],
      [undetermined.title, 'report-und1'],
      [arabic.title, 'report-ar1'],
    ]);
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
    expect(buildDigestView(all(arabic), WEB, inEnglish)).toMatchObject({
      language: 'en',
      direction: 'ltr',
      align: 'left',
    });
  });

  it("uses the newsletter language's labels, with the newsletter's name, the web page and the unsubscribe placeholder", () => {
    expect(view).toMatchObject({
      heading: 'موجز الأسبوع',
      subject: 'موجز الأسبوع · 23–25 نوفمبر 2026',
      intro: 'أبرز التقارير هذا الأسبوع، في سطور.',
      moreHeading: 'المزيد في هذا العدد',
      webUrl: WEB,
      webLabel: 'اقرأ العدد كاملًا على الويب',
      unsubscribeLabel: 'إلغاء الاشتراك',
      unsubscribeUrl: UNSUBSCRIBE_URL_PLACEHOLDER,
      footer: 'وصلتك هذه الرسالة لأنك مشترك في موجز.',
      unlisted: '',
    });
    const englishView = buildDigestView(all(arabic), WEB, inEnglish);
    expect(englishView.subject).toBe('The week in brief · 25 November 2026');
    expect(englishView.footer).toBe('You receive this because you subscribed to The Brief.');
    expect(view.preheader).toBe([english.title, undetermined.title, arabic.title].join(' · '));
  });

  it('lists headlines as links to the reports on the edition page, and counts what is left out', () => {
    const view = buildDigestView({ featured: [arabic], headlines: [english], unlisted: 4 }, WEB, inEnglish);
    expect(view.items.map((item) => item.title)).toEqual([arabic.title]);
    expect(view.headlines).toEqual([
      { title: english.title, url: `${WEB}#report-en1`, language: 'en', direction: 'ltr', align: 'left' },
    ]);
    expect(view.unlisted).toBe("And 4 more reports on the edition's page.");
    expect(buildDigestView({ featured: [arabic], headlines: [], unlisted: 2 }, WEB, inArabic).unlisted).toBe(
      'وتقارير أخرى على صفحة العدد: 2',
    );
    // The preheader and the period cover what the email lists, in full or as a headline.
    expect(view.preheader).toBe(`${english.title} · ${arabic.title}`);
    expect(view.period).toBe('23\u2009–\u200925 November 2026');
  });

  it('names the days the reports arrived on, in the newsletter time zone, with Western digits', () => {
    expect(buildDigestView(all(english, arabic), WEB, inEnglish).period).toBe(
      '23\u2009–\u200925 November 2026', // ICU puts thin spaces around the en dash in en-GB
    );
    expect(view.period).toBe('23–25 نوفمبر 2026');
    const nearMidnight = entry({ id: 'm', title: 'M', language: 'en', receivedAt: '2026-11-30T22:30:00.000Z' });
    expect(buildDigestView(all(nearMidnight), WEB, inEnglish).period).toBe('1 December 2026'); // Riyadh is UTC+3
    expect(buildDigestView(all(english, nearMidnight), WEB, inEnglish).period).toBe(
      '23 November\u2009–\u20091 December 2026',
    );
  });

  it('has no period, and a subject of the heading alone, when it shows no report', () => {
    const empty = buildDigestView(all(), WEB, inArabic);
    expect(empty).toMatchObject({ period: '', subject: 'موجز الأسبوع', items: [], preheader: '' });
  });

  it('names each item’s source: the editor’s, else its URL’s host, else none', () => {
    expect(view.items.find((item) => item.language === 'ar')!.source).toEqual({
      name: 'example.com',
      direction: 'ltr',
      language: 'und',
    });
    expect(view.items.find((item) => item.language === 'en')!.source).toBeUndefined();
    const named = buildDigestView(
      all({ ...arabic, source: 'الجزيرة' }, { ...english, source: 'BBC News' }),
      WEB,
      inArabic,
    );
    expect(named.items.map((item) => item.source)).toEqual([
      { name: 'الجزيرة', direction: 'rtl', language: 'ar' },
      { name: 'BBC News', direction: 'ltr', language: 'en' },
    ]);
  });

  it('runs a source’s name its own way: a Latin name in an Arabic item left to right, a name without letters the item’s way', () => {
    const [latin, digits] = buildDigestView(
      all({ ...arabic, source: 'UN News' }, { ...arabic, id: 'ar2', source: '24/7' }),
      WEB,
      inEnglish,
    ).items;
    expect(latin!.source).toEqual({ name: 'UN News', direction: 'ltr', language: 'und' });
    expect(digits!.source).toEqual({ name: '24/7', direction: 'rtl', language: 'ar' });
  });

  it('gives the mark of the newsletter’s direction, which keeps the date in place after a source in another script', () => {
    expect(view.directionMark).toBe('\u200F');
    expect(buildDigestView(all(arabic), WEB, inEnglish).directionMark).toBe('\u200E');
  });

  it('formats publishedAt as a day, and leaves it out when it is missing or not a date', () => {
    expect(view.items.find((item) => item.language === 'ar')!.publishedOn).toBe('20 نوفمبر 2026');
    expect(view.items.find((item) => item.language === 'en')!.publishedOn).toBeUndefined();
    const bad = entry({
      id: 'x',
      title: 'X',
      language: 'en',
      receivedAt: english.receivedAt,
      publishedAt: 'not a date',
    });
    expect(buildDigestView(all(bad), WEB, inEnglish).items[0]!.publishedOn).toBeUndefined();
  });

  it('prints the day publishedAt falls on in the newsletter’s time zone, not in UTC', () => {
    // 01:30 in Riyadh on the 21st is still the 20th in UTC (22:30).
    const lateNight = entry({
      id: 'late',
      title: 'Late',
      language: 'en',
      receivedAt: english.receivedAt,
      publishedAt: '2026-11-21T01:30+03:00',
    });
    expect(buildDigestView(all(lateNight), WEB, inEnglish).items[0]!.publishedOn).toBe('21 November 2026');
    const inLondon: DigestSetting = { ...inEnglish, timeZone: 'Europe/London' };
    expect(buildDigestView(all(lateNight), WEB, inLondon).items[0]!.publishedOn).toBe('20 November 2026');
  });
});

describe('buildEditionPageView', () => {
  it('shows every report in full in arrival order, with the web intro, and no headline, web link or reader link', () => {
    const page = buildEditionPageView([arabic, english], inEnglish);
    expect(page.items.map((item) => item.title)).toEqual([english.title, arabic.title]);
    expect(page).toMatchObject({
      intro: 'Every report in this edition, in a few lines each.',
      headlines: [],
      unlisted: '',
      webUrl: '',
      unsubscribeUrl: '',
      period: '23\u2009–\u200925 November 2026',
    });
  });
});

describe('transmittedBytes', () => {
  it('counts base64 of the UTF-8 bytes, in lines of 76 characters ending in CRLF, as MailComposer writes it', () => {
    expect(transmittedBytes('')).toBe(0);
    expect(transmittedBytes('abc')).toBe(4 + 2);
    expect(transmittedBytes('abcd')).toBe(8 + 2);
    expect(transmittedBytes('ع')).toBe(4 + 2); // two bytes
    expect(transmittedBytes('x'.repeat(57))).toBe(76 + 2);
    expect(transmittedBytes('x'.repeat(58))).toBe(80 + 4);
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
