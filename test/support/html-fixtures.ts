// Test support: the HTML pages in test/fixtures/html, and the boilerplate each one holds that must never reach a report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A page from test/fixtures/html. */
export function htmlFixture(
  name: 'arabic-news-article.html' | 'english-news-article.html' | 'markup-only.html' | 'short-paragraphs.html',
): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'html', name), 'utf8');
}

/** Boilerplate of the fixture pages (cookie banners, navigation, share buttons, sidebars, footers, scripts). */
export const FIXTURE_BOILERPLATE = {
  'arabic-news-article.html': [
    'نستخدم ملفات تعريف الارتباط',
    'اشترك الآن في النشرة اليومية',
    'منوعات وفنون',
    'شارك على فيسبوك',
    'الأكثر قراءة',
    'اقرأ أيضاً',
    'أضف تعليقك',
    'جميع الحقوق محفوظة',
    'صحيفة الأفق',
    'dataLayer',
    'سلمى الحداد',
  ],
  'english-news-article.html': [
    'We use cookies',
    'Accept all',
    'The Coastal Ledger',
    'Crosswords',
    'By Martin Okafor',
    'Share on Facebook',
    'Related stories',
    'Most read',
    'All rights reserved',
    'analyticsQueue',
  ],
} as const;
