// `npm run bench` helper (feeds part): the web the feed bench polls, in a process of its own, so that the CPU it
// spends writing feeds and pages is not counted as ours. One HTTP server per host (each a port on 127.0.0.1, as
// each feed usually has a host of its own), each source's RSS 2.0 feed at /feeds/<source>.xml and each item's
// article page at /feeds/<source>/<item>.html, all generated: distinct text, half Arabic, half English.
//
// Argument: {sources, items, hosts}. Prints one line, {hosts: ["127.0.0.1:<port>"…], control}. The control server:
// POST <control>/cycle?version=<v>&faults=<0|1> sets what the feeds show (version v: each feed's `items` newest,
// NEW_PER_VERSION more than in version v − 1) and, with faults, which feed answers are slow (SLOW_SHARE, 1–3 s) or
// fail (FAIL_SHARE: half a 500, half a connection dropped before any answer) — disjoint sources in each version;
// it resets the counts. GET <control>/stats answers what the web saw since (WebStats).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Entries a new version of a feed adds at its top (and drops at its end). */
export const NEW_PER_VERSION = 5;
export const SLOW_SHARE = 0.1;
export const FAIL_SHARE = 0.05;

export interface WebStats {
  feedRequests: number;
  conditionalRequests: number;
  feedDocuments: number;
  notModified: number;
  serverErrors: number;
  dropped: number;
  slow: number;
  pageRequests: number;
  bytesSent: number;
  /** The web's own CPU (user + system) since the counts were reset, in ms: not ours. */
  cpuMs: number;
}

const { sources, items, hosts } = JSON.parse(process.argv[2] ?? '{}') as {
  sources: number;
  items: number;
  hosts: number;
};

/** mulberry32: a small seeded generator, so that every run serves the same web. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = {
  ar: {
    org: ['البلدية', 'وزارة الصحة', 'هيئة المياه', 'غرفة التجارة', 'وزارة التعليم', 'هيئة النقل', 'مجلس المدينة'],
    city: ['عمّان', 'الإسكندرية', 'صفاقس', 'طنجة', 'حلب', 'الموصل', 'صنعاء', 'نواكشوط', 'بنغازي', 'صيدا'],
    topic: ['النقل العام', 'مياه الشرب', 'المدارس الحكومية', 'الطرق الريفية', 'الكهرباء', 'المستشفيات', 'الإسكان'],
    thing: ['الجسر الجديد', 'المستشفى الجامعي', 'محطة التحلية', 'المدرسة الثانوية', 'السوق المركزي', 'خط الحافلات'],
    name: ['سامي الخطيب', 'ليلى منصور', 'خالد العمري', 'نور حداد', 'يوسف بركات', 'هدى السالم'],
    day: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الأحد', 'السبت'],
  },
  en: {
    org: [
      'city council',
      'health ministry',
      'water authority',
      'chamber of commerce',
      'transport board',
      'school board',
    ],
    city: ['Amman', 'Alexandria', 'Sfax', 'Tangier', 'Aleppo', 'Mosul', 'Sanaa', 'Nouakchott', 'Benghazi', 'Sidon'],
    topic: [
      'public transport',
      'drinking water',
      'state schools',
      'rural roads',
      'electricity',
      'hospitals',
      'housing',
    ],
    thing: [
      'new bridge',
      'university hospital',
      'desalination plant',
      'secondary school',
      'central market',
      'bus line',
    ],
    name: ['Sami Khatib', 'Layla Mansour', 'Khalid Omari', 'Nour Haddad', 'Youssef Barakat', 'Huda Salem'],
    day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Sunday', 'Saturday'],
  },
};

type Language = keyof typeof WORDS;
type Slots = Record<keyof (typeof WORDS)['en'], string> & { n: number; m: number; code: number };

const SENTENCES: Record<Language, ((s: Slots) => string)[]> = {
  ar: [
    (s) => `أعلنت ${s.org} في ${s.city} يوم ${s.day} عن خطة جديدة لتحسين ${s.topic} في الأحياء الشرقية.`,
    (s) => `وقال مسؤولون إن المشروع سيكلف ${s.n} مليون دولار ويستغرق ${s.m} شهراً من العمل المتواصل.`,
    (s) => `وأكد ${s.name}، رئيس ${s.org}، أن ${s.topic} يبقى الأولوية الأولى لسكان المدينة.`,
    (s) => `وينتظر سكان ${s.city} افتتاح ${s.thing} منذ ${s.m} سنوات على الأقل.`,
    (s) => `وسيخدم ${s.thing} نحو ${s.n} ألف شخص في ${s.city} والقرى المحيطة بها.`,
    (s) => `وطالب منتقدون بمراجعة مستقلة، قائلين إن ${s.org} تأخرت في معالجة ملف ${s.topic}.`,
    (s) => `وسُجّل القرار في محضر الجلسة تحت الرقم ${s.code}.`,
    (s) => `ومن المنتظر أن تعرض ${s.org} تفاصيل الخطة على المجلس يوم ${s.day} المقبل.`,
  ],
  en: [
    (s) => `The ${s.org} of ${s.city} announced on ${s.day} a new plan to improve ${s.topic} in the eastern districts.`,
    (s) => `Officials said the project would cost ${s.n} million dollars and take ${s.m} months of continuous work.`,
    (s) => `${s.name}, who leads the ${s.org}, said that ${s.topic} remained the first concern of residents.`,
    (s) => `Residents of ${s.city} have waited at least ${s.m} years for the ${s.thing} to open.`,
    (s) => `The ${s.thing} will serve about ${s.n} thousand people in ${s.city} and the villages around it.`,
    (s) => `Critics asked for an independent review, saying the ${s.org} had been slow to act on ${s.topic}.`,
    (s) => `The decision was recorded in the minutes of the meeting under number ${s.code}.`,
    (s) => `The ${s.org} is expected to present the details of the plan to the assembly next ${s.day}.`,
  ],
};

const TITLES: Record<Language, (s: Slots) => string> = {
  ar: (s) => `${s.org} في ${s.city} تعلن خطة لـ${s.topic} (${s.code})`,
  en: (s) => `${s.city} ${s.org} announces a plan for ${s.topic} (${s.code})`,
};

interface Item {
  title: string;
  /** A few sentences: the feed's teaser, below the 150 words that make `auto` keep the feed's own text. */
  teaser: string[];
  /** The article on the item's page: the teaser and two paragraphs more. */
  article: string[][];
  publishedAt: Date;
}

const languageOf = (source: number): Language => (source % 2 === 0 ? 'ar' : 'en');
/** Item k of every feed was published k hours after this: the higher k, the newer. */
const EPOCH = Date.parse('2026-01-05T06:00:00Z');

function itemOf(source: number, k: number): Item {
  const random = generator(source * 100_003 + k);
  const words = WORDS[languageOf(source)];
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const slots: Slots = {
    org: pick(words.org),
    city: pick(words.city),
    topic: pick(words.topic),
    thing: pick(words.thing),
    name: pick(words.name),
    day: pick(words.day),
    n: 2 + Math.floor(random() * 900),
    m: 2 + Math.floor(random() * 40),
    code: source * 1_000 + k,
  };
  const sentences = SENTENCES[languageOf(source)];
  // Every sentence in an order of its own, the numbered one among the first four: no two items share a text.
  const order = sentences.map((write, index) => ({ write, key: index === 6 ? -1 : random() }));
  order.sort((a, b) => a.key - b.key);
  const written = order.map(({ write }) => write(slots));
  return {
    title: TITLES[languageOf(source)](slots),
    teaser: written.slice(0, 4),
    article: [written.slice(0, 4), written.slice(4, 6), written.slice(6)],
    publishedAt: new Date(EPOCH + k * 3_600_000),
  };
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/gu, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

interface Document {
  body: Buffer;
  etag: string;
  lastModified: string;
}

function documentOf(text: string, modifiedAt: Date): Document {
  const body = Buffer.from(text, 'utf8');
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`,
    lastModified: modifiedAt.toUTCString(),
  };
}

function feedOf(source: number, version: number, base: string): Document {
  const newest = items + version * NEW_PER_VERSION - 1;
  const entries: string[] = [];
  for (let k = newest; k > newest - items; k -= 1) {
    const item = itemOf(source, k);
    const html = item.teaser.map((sentence) => `<p>${sentence}</p>`).join('');
    entries.push(
      `<item><title>${escapeXml(item.title)}</title><link>${base}/feeds/${source}/${k}.html</link>` +
        `<guid isPermaLink="false">bench-${source}-${k}</guid><pubDate>${item.publishedAt.toUTCString()}</pubDate>` +
        `<description>${escapeXml(html)}</description></item>`,
    );
  }
  const language = languageOf(source);
  const title = language === 'ar' ? `أخبار المدن ${source}` : `City News ${source}`;
  return documentOf(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title>` +
      `<link>${base}/</link><language>${language}</language>${entries.join('\n')}</channel></rss>`,
    itemOf(source, newest).publishedAt,
  );
}

function pageOf(source: number, k: number): Buffer {
  const item = itemOf(source, k);
  const language = languageOf(source);
  const paragraphs = item.article.map((sentences) => `<p>${escapeXml(sentences.join(' '))}</p>`).join('\n');
  return Buffer.from(
    `<!doctype html><html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">` +
      `<title>${escapeXml(item.title)}</title></head><body><header><nav><a href="/">Home</a> · <a href="/about">About</a>` +
      `</nav></header><main><article><h1>${escapeXml(item.title)}</h1>` +
      `<time datetime="${item.publishedAt.toISOString()}">${item.publishedAt.toUTCString()}</time>\n${paragraphs}` +
      `</article></main><footer><p>© City News</p></footer></body></html>`,
    'utf8',
  );
}

const emptyStats = (): WebStats => ({
  feedRequests: 0,
  conditionalRequests: 0,
  feedDocuments: 0,
  notModified: 0,
  serverErrors: 0,
  dropped: 0,
  slow: 0,
  pageRequests: 0,
  bytesSent: 0,
  cpuMs: 0,
});

let stats = emptyStats();
let cpuAtReset = process.cpuUsage();
let version = 0;
/** This version's fault of each source's feed answers. */
let faults = new Map<number, { kind: 'slow'; ms: number } | { kind: 'error' } | { kind: 'drop' }>();
/** Each source's feed document in this version, made once per version (the web's CPU is not the bench's subject). */
let feeds = new Map<number, Document>();
const bases: string[] = [];
const hostOf = (source: number) => source % hosts;

/** One order of the sources for the whole run; version v's faulty sources are the v-th slice of it. */
const shuffled = (() => {
  const random = generator(20_260_105);
  const order = Array.from({ length: sources }, (_, index) => index);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
})();

function setCycle(next: number, withFaults: boolean): void {
  version = next;
  feeds = new Map();
  for (let source = 0; source < sources; source += 1)
    feeds.set(source, feedOf(source, version, bases[hostOf(source)]!));
  faults = new Map();
  if (withFaults) {
    const failing = Math.round(sources * FAIL_SHARE);
    const slow = Math.round(sources * SLOW_SHARE);
    const slice = (failing + slow) * version;
    const random = generator(version + 7);
    shuffled.slice(slice, slice + failing).forEach((source, index) => {
      faults.set(source, { kind: index % 2 === 0 ? 'error' : 'drop' });
    });
    for (const source of shuffled.slice(slice + failing, slice + failing + slow))
      faults.set(source, { kind: 'slow', ms: 1_000 + Math.round(random() * 2_000) });
  }
  stats = emptyStats();
  cpuAtReset = process.cpuUsage();
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer): void {
  response.writeHead(status, headers).end(body);
  stats.bytesSent += body?.length ?? 0;
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const feed = /^\/feeds\/(\d+)\.xml$/u.exec(path);
  const page = /^\/feeds\/(\d+)\/(\d+)\.html$/u.exec(path);
  if (page) {
    stats.pageRequests += 1;
    send(response, 200, { 'content-type': 'text/html; charset=utf-8' }, pageOf(Number(page[1]), Number(page[2])));
    return;
  }
  const source = feed ? Number(feed[1]) : Number.NaN;
  const document = feeds.get(source);
  if (!document) {
    send(response, 404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    return;
  }
  stats.feedRequests += 1;
  const fault = faults.get(source);
  if (fault?.kind === 'drop') {
    stats.dropped += 1;
    request.socket.destroy();
    return;
  }
  if (fault?.kind === 'error') {
    stats.serverErrors += 1;
    send(response, 500, { 'content-type': 'text/plain' }, Buffer.from('internal error'));
    return;
  }
  const reply = () => {
    const headers = {
      'content-type': 'application/rss+xml; charset=utf-8',
      etag: document.etag,
      'last-modified': document.lastModified,
    };
    const conditional = request.headers['if-none-match'];
    if (conditional !== undefined) stats.conditionalRequests += 1;
    if (conditional === document.etag) {
      stats.notModified += 1;
      send(response, 304, headers);
    } else {
      stats.feedDocuments += 1;
      send(response, 200, headers, document.body);
    }
  };
  if (fault?.kind === 'slow') {
    stats.slow += 1;
    setTimeout(reply, fault.ms);
  } else reply();
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

(async () => {
  const servers = Array.from({ length: hosts }, () => createServer(answer));
  for (const server of servers) bases.push(`http://127.0.0.1:${await listen(server)}`);
  setCycle(0, false);
  const control = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'POST' && url.pathname === '/cycle') {
      setCycle(Number(url.searchParams.get('version')), url.searchParams.get('faults') === '1');
      response.writeHead(204).end();
      return;
    }
    const cpu = process.cpuUsage(cpuAtReset);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ...stats, cpuMs: (cpu.user + cpu.system) / 1000 }));
  });
  const controlPort = await listen(control);
  process.stdout.write(
    `${JSON.stringify({ hosts: bases.map((base) => base.slice('http://'.length)), control: `http://127.0.0.1:${controlPort}` })}\n`,
  );
  process.stdin.resume();
  // The parent's end of the pipe closing is the signal to go.
  process.stdin.on('end', () => process.exit(0));
})();
