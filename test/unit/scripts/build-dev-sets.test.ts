// The development sets' builder (npm run datasets): records made from the corpora's files exactly as
// bench/datasets/README.md says, fetched over HTTP as from GitHub (a local server stands in for it), and the draw.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  buildDevSets,
  decodeText,
  drawBbc,
  drawEasc,
  githubFiles,
  localFiles,
  type Manifest,
  separateJoinedSentences,
  sha256,
  tidyText,
} from '../../../scripts/build-dev-sets';

const EASC = { repository: 'essex/easc', commit: 'a'.repeat(40), folder: 'Data/EASC' };
const BBC = { repository: 'someone/bbc', commit: 'b'.repeat(40), folder: 'BBC News Summary' };

/** The files as GitHub serves them: /<owner>/<name>/<commit>/<folder>/<path>. */
const FILES: Record<string, Buffer> = {
  [`/essex/easc/${EASC.commit}/Data/EASC/SOURCES.CSV`]: Buffer.from(
    '\uFEFF"Article","Source","Source Name","URL"\r\n' +
      '"Art and Music 1","www.wikipedia.org","Wikipedia","http://ar.wikipedia.org/wiki/لودفيج_فان_بيتهوفن"\r\n' +
      '"Art and Music 7","www.alrai.com","Alrai Newspaper",\r\n',
  ),
  [`/essex/easc/${EASC.commit}/Data/EASC/Articles/Topic1/Art and Music (1).txt`]: Buffer.from(
    '\uFEFFبيتهوفن  مؤلف موسيقي.   \r\n\r\n  ولد في بون.\r\n',
  ),
  [`/essex/easc/${EASC.commit}/Data/EASC/MTurk/Topic1/D0101.M.250.A.1.A`]: Buffer.from('بيتهوفن مؤلف موسيقي.'),
  [`/essex/easc/${EASC.commit}/Data/EASC/MTurk/Topic1/D0101.M.250.A.2.B`]: Buffer.from('ولد في بون.\n'),
  [`/someone/bbc/${BBC.commit}/BBC News Summary/News Articles/sport/199.txt`]: Buffer.from(
    // Windows-1252: £ is 0xA3, not UTF-8.
    Buffer.concat([
      Buffer.from('Cup final sold out\n\nTickets cost '),
      Buffer.from([0xa3]),
      Buffer.from('40. "We are delighted. It is a record." The club said so.\nFans queued.\n'),
    ]),
  ),
  [`/someone/bbc/${BBC.commit}/BBC News Summary/Summaries/sport/199.txt`]: Buffer.from(
    '"We are delighted. It is a record."The club said so.Fans queued.',
  ),
};

let server: Server;
let baseUrl: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requested.push(request.url ?? '');
    const body = FILES[path];
    response.writeHead(body ? 200 : 404).end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const manifest: Manifest = {
  'easc-dev': {
    corpus: EASC,
    sources: 'SOURCES.CSV',
    sha256: '',
    articles: [
      {
        id: 'easc-Topic1',
        article: 'Articles/Topic1/Art and Music (1).txt',
        summaries: ['MTurk/Topic1/D0101.M.250.A.1.A', 'MTurk/Topic1/D0101.M.250.A.2.B'],
      },
    ],
  },
  'bbc-dev': { corpus: BBC, sha256: '', articles: ['bbc-sport-199'] },
};

describe('building the sets from files fetched as from GitHub', () => {
  it('makes one JSON line an article, as the datasets README describes them', async () => {
    const built = await buildDevSets(manifest, githubFiles(EASC, baseUrl), githubFiles(BBC, baseUrl));
    expect(built['easc-dev']).toBe(
      `${JSON.stringify({
        id: 'easc-Topic1',
        lang: 'ar',
        title: 'لودفيج فان بيتهوفن',
        text: 'بيتهوفن مؤلف موسيقي.\nولد في بون.',
        summaries: ['بيتهوفن مؤلف موسيقي.', 'ولد في بون.'],
        category: 'art and music',
        source: 'Wikipedia',
      })}\n`,
    );
    expect(built['bbc-dev']).toBe(
      `${JSON.stringify({
        id: 'bbc-sport-199',
        lang: 'en',
        title: 'Cup final sold out',
        text: 'Tickets cost £40. "We are delighted. It is a record." The club said so.\nFans queued.',
        summaries: ['"We are delighted. It is a record." The club said so. Fans queued.'],
        category: 'sport',
      })}\n`,
    );
    // Paths are percent-encoded segment by segment: spaces and parentheses reach the server intact.
    expect(requested).toContain(`/essex/easc/${EASC.commit}/Data/EASC/Articles/Topic1/Art%20and%20Music%20(1).txt`);
  });

  it('fails, naming the address, when a file is not there', async () => {
    const missing: Manifest = { ...manifest, 'bbc-dev': { ...manifest['bbc-dev'], articles: ['bbc-sport-001'] } };
    await expect(buildDevSets(missing, githubFiles(EASC, baseUrl), githubFiles(BBC, baseUrl))).rejects.toThrow(
      /404 .*Articles\/sport\/001\.txt/,
    );
  });

  it('gives the same bytes from local copies of the corpora', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'mujaz-corpora-'));
    try {
      for (const [path, content] of Object.entries(FILES)) {
        mkdirSync(dirname(join(copy, path)), { recursive: true });
        writeFileSync(join(copy, path), content);
      }
      const fromHttp = await buildDevSets(manifest, githubFiles(EASC, baseUrl), githubFiles(BBC, baseUrl));
      const fromCopy = await buildDevSets(
        manifest,
        localFiles(join(copy, 'essex', 'easc', EASC.commit, 'Data', 'EASC')),
        localFiles(join(copy, 'someone', 'bbc', BBC.commit, 'BBC News Summary')),
      );
      expect(sha256(fromCopy['easc-dev'])).toBe(sha256(fromHttp['easc-dev']));
      expect(sha256(fromCopy['bbc-dev'])).toBe(sha256(fromHttp['bbc-dev']));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the text of a record', () => {
  it('has lines trimmed, runs of spaces collapsed, empty lines and the BOM dropped', () => {
    expect(tidyText('\uFEFF  a  b \r\n\r\n\tc\rd  ')).toBe('a b\nc\nd');
  });

  it('is decoded as UTF-8, or as Windows-1252 where it is not valid UTF-8', () => {
    expect(decodeText(Buffer.from('£ ب'))).toBe('£ ب');
    expect(decodeText(Buffer.from([0x93, 0x61, 0x94, 0xa3]))).toBe('\u201Ca\u201D£');
  });

  it('gets a space back between run-together summary sentences, quotes on the right side', () => {
    const article = 'It rose. "Prices will fall," he said. "Not soon." Shares fell.';
    expect(separateJoinedSentences('It rose."Prices will fall," he said."Not soon."Shares fell.', article)).toBe(
      'It rose. "Prices will fall," he said. "Not soon." Shares fell.',
    );
  });

  it('refuses a summary sentence its article does not have', () => {
    expect(() => separateJoinedSentences('It rose.It fell.', 'It rose. Then it paused.')).toThrow(/It fell/);
  });
});

describe('the draw', () => {
  const article = (id: string, category: string, text = id) => ({ id, category, text });

  it('puts round(2n/3) of each EASC category in dev', () => {
    const articles = [
      ...['1', '2', '3'].map((n) => article(`easc-Topic${n}`, 'art')),
      ...['4', '5', '6', '7'].map((n) => article(`easc-Topic${n}`, 'health')),
    ];
    const dev = drawEasc(articles);
    expect([...dev].filter((id) => Number(id.slice(10)) <= 3)).toHaveLength(2);
    expect([...dev].filter((id) => Number(id.slice(10)) >= 4)).toHaveLength(3);
    // The order inside a category is the SHA-256 of the id: the same draw every time, whatever the input order.
    expect(drawEasc([...articles].reverse())).toEqual(dev);
  });

  it('drops BBC texts that repeat an earlier one, then takes 40 of each category', () => {
    const articles = Array.from({ length: 42 }, (_, n) =>
      article(`bbc-tech-${String(n + 1).padStart(3, '0')}`, 'tech'),
    );
    articles.push(article('bbc-tech-043', 'tech', 'BBC-TECH-001!'), article('bbc-sport-001', 'sport'));
    const dev = drawBbc(articles);
    expect([...dev].filter((id) => id.startsWith('bbc-tech'))).toHaveLength(40);
    expect(dev.has('bbc-tech-043')).toBe(false);
    expect(dev.has('bbc-sport-001')).toBe(true);
  });
});
