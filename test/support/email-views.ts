// Test data: what the renderer tests and the template compiler's test render — two reports (an Arabic one with
// markup in its title and a URL with an ampersand, so its source is the URL's host; an English one without URL or
// date whose source the editor named, markup characters and all) and the Arabic confirmation view.
import type { EditionEntry } from '../../lambdas/core/domain/edition';
import type { ConfirmationView } from '../../lambdas/core/ports/email-renderer';

export const ARABIC_REPORT: EditionEntry = {
  id: 'ar-1',
  title: 'مقاتلو داعش يفرون من التنظيم <script>alert("x")</script> & الانهيار',
  url: 'https://news.example/ar?id=1&lang=ar',
  language: 'ar',
  publishedAt: '2026-11-20T10:00:00Z',
  receivedAt: '2026-11-23T08:00:00.000Z',
  summary: [
    'طالما كان شعار داعش البقاء والتوسع.',
    'نشرت صحيفة الجارديان تقريرا قالت فيه إن التنظيم بدأ يستنفد قوته؛ حيث فر مقاتلوه.',
  ],
};

export const ENGLISH_REPORT: EditionEntry = {
  id: 'en-1',
  title: 'Council approves bicycle lanes',
  source: 'Harbour Gazette & <Sons>',
  language: 'en',
  receivedAt: '2026-11-24T08:00:00.000Z',
  summary: ['The council approved the plan on Monday.', 'Shops fear losing parking & say "no" to 5 < 6 lanes.'],
};

export const ARABIC_CONFIRMATION: ConfirmationView = {
  subject: 'أكّد اشتراكك في موجز',
  newsletterName: 'موجز',
  language: 'ar',
  direction: 'rtl',
  align: 'right',
  heading: 'خطوة أخيرة',
  body: 'اضغط الزر لتأكيد اشتراكك.',
  button: 'تأكيد الاشتراك',
  ignoreNote: 'إن لم تطلب هذا الاشتراك فتجاهل هذه الرسالة.',
  confirmUrl: 'https://mujaz.example/api/subscriptions/confirm?token=v1.abc.def&x=1',
};
