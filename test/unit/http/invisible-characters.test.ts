// Characters that render as nothing (invisible-characters.ts), each one the red team found surviving, sent through
// POST /reports in a title, a lede and a text and followed into everything a reader gets: the digest email (subject,
// HTML and text parts) and the edition's web page, with the real renderer. A source name holding one is refused.
import type { Hono } from 'hono';
import { ENGLISH_REPORT } from '../../support/use-case-harness';
import { admin, apiAppFor, browser, createHttpHarness, errorOf, type HttpHarness, json } from './http-harness';

/** U+034F, U+180E, U+3164, U+115F, U+FE0F and tags, then what `source` took: U+200B–U+200D, U+2060, U+FEFF, U+00AD. */
const RENDER_AS_NOTHING = [
  0x034f, 0x180e, 0x3164, 0x115f, 0xfe0f, 0xe0000, 0xe0001, 0xe0020, 0xe0041, 0xe007f, 0x200b, 0x200c, 0x200d, 0x2060,
  0xfeff, 0x00ad,
];
const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

let h: HttpHarness;
let app: Hono;
beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

const postReport = (report: Record<string, unknown>) =>
  app.request('/reports', { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify(report) });

/** Puts the character at both ends of the text and inside every word. */
const riddle = (text: string, hidden: string) =>
  `${hidden}${text.replace(/(\p{L})(\p{L})/gu, `$1${hidden}$2`)}${hidden}`;

describe.each(RENDER_AS_NOTHING.map((code) => [hex(code), String.fromCodePoint(code)]))('%s', (_name, hidden) => {
  it('is taken out of the title, lede and text, and reaches neither the digest email nor the edition page', async () => {
    const response = await postReport({
      title: riddle(ENGLISH_REPORT.title, hidden),
      lede: riddle(ENGLISH_REPORT.lede, hidden),
      text: riddle(ENGLISH_REPORT.body, hidden),
      source: 'City Desk',
      url: 'https://news.example/bikes',
    });
    expect(response.status).toBe(201);
    const [stored] = h.reports.all();
    expect(stored).toMatchObject({ title: ENGLISH_REPORT.title, lede: ENGLISH_REPORT.lede, body: ENGLISH_REPORT.body });
    expect(JSON.stringify([stored?.summary, stored?.keyPhrases])).not.toContain(hidden);

    await h.addSubscriber('reader@example.com', 'confirmed');
    await h.sendAndDeliver();
    const [email] = h.mailer.sentTo('reader@example.com');
    expect(email?.html).toContain(ENGLISH_REPORT.title);
    expect(email?.text).toContain(ENGLISH_REPORT.title);
    for (const part of [email?.subject, email?.html, email?.text]) expect(part).not.toContain(hidden);
    const page = await (await app.request('/archive/1', { headers: browser })).text();
    expect(page).toContain(ENGLISH_REPORT.title);
    expect(page).toContain('City Desk');
    expect(page).not.toContain(hidden);
  });

  it('makes a source name it is part of a 400 naming `source`, storing nothing', async () => {
    const { title, lede, body } = ENGLISH_REPORT;
    const response = await postReport({ title, lede, text: body, source: `City${hidden} Desk` });
    const error = await errorOf(response, 400);
    expect(error.problems).toEqual([{ field: 'source', message: expect.stringContaining('invisible characters') }]);
    expect(h.reports.all()).toEqual([]);
  });
});
