// `npm run screenshots`: what a reader sees of digest items, as images — the sample Arabic report and an English
// Wikipedia article (the golden articles' `New Zealand`, test/fixtures/articles), summarized by checkAndSummarize and rendered by the renderer the functions run (over templates/
// compiled as the build compiles them), in an Arabic and an English newsletter, photographed by Chromium.
// Writes out/digest-items/{ar,en}.html and .png. Needs Debian's chromium (and fonts-noto-core for Arabic glyphs).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { HandlebarsEmailRenderer } from '../lambdas/adapters/handlebars-email-renderer';
import { compileEmailTemplates } from '../lambdas/adapters/mjml-template-compiler';
import { buildDigestView, type DigestSetting, selectForEmail } from '../lambdas/core/domain/digest';
import { type EditionEntry, editionEntryOf } from '../lambdas/core/domain/edition';
import { publicLinks } from '../lambdas/core/domain/links';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from '../lambdas/core/domain/newsletter-languages';
import type { Report } from '../lambdas/core/domain/report';
import { checkAndSummarize } from '../lambdas/core/domain/report-checks';
import { DIGEST_BUDGET } from '../lambdas/core/domain/summarizer';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'out', 'digest-items');
const CHROMIUM = '/usr/bin/chromium';

interface Sample {
  title: string;
  lede?: string;
  body: string;
  metadata: Pick<Report, 'url' | 'publishedAt' | 'priority' | 'source'>;
}

function arabicSample(): Sample {
  const [title = '', lede = '', ...paragraphs] = readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8').split(
    '\n',
  );
  return {
    title,
    lede,
    body: paragraphs.join('\n'),
    metadata: {
      url: 'https://www.example.com/ar/isis-fighters',
      publishedAt: '2026-11-21T01:30:00+03:00',
      priority: 2,
      source: 'صحيفة المثال',
    },
  };
}

function englishSample(): Sample {
  const article = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'golden.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; title: string; text: string })
    .find((candidate) => candidate.id === 'enwiki-new-zealand');
  if (!article) throw new Error('the golden article enwiki-new-zealand is missing');
  return {
    title: article.title,
    body: article.text,
    metadata: {
      url: 'https://en.wikipedia.org/w/index.php?title=New_Zealand&oldid=917976458',
      publishedAt: '2026-11-23T09:15:00Z',
      source: 'Wikipedia',
    },
  };
}

function entryOf(sample: Sample, receivedAt: string): EditionEntry {
  const checked = checkAndSummarize(sample, DIGEST_BUDGET);
  const report: Report = { ...checked, ...sample.metadata, id: `sample-${checked.language}`, receivedAt };
  return editionEntryOf(report);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-core`);
  const renderer = new HandlebarsEmailRenderer(await compileEmailTemplates(join(ROOT, 'templates')));
  const entries = [
    entryOf(arabicSample(), '2026-11-24T08:00:00.000Z'),
    entryOf(englishSample(), '2026-11-24T09:00:00.000Z'),
  ];
  const settings: Record<NewsletterLanguage, DigestSetting> = {
    ar: { newsletter: { name: 'موجز', language: 'ar' }, timeZone: 'Asia/Riyadh' },
    en: { newsletter: { name: 'Mujaz', language: 'en' }, timeZone: 'Europe/London' },
  };
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    for (const language of NEWSLETTER_LANGUAGES) {
      const view = buildDigestView(
        selectForEmail(entries, 2, 0),
        publicLinks('https://mujaz.example').editionUrl('7'),
        settings[language],
      );
      const { html } = await renderer.renderDigest(view);
      const file = join(OUT, `${language}.html`);
      writeFileSync(file, html);
      const page = await browser.newPage({ viewport: { width: 680, height: 900 } });
      await page.setContent(html, { waitUntil: 'load' });
      await page.screenshot({ path: join(OUT, `${language}.png`), fullPage: true });
      await page.close();
      console.log(`${language}: ${file} and ${join(OUT, `${language}.png`)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
