// Core layer: the words around the content of our emails, in the newsletter's language.
import type { LanguageCode } from './language';

export type NewsletterLanguage = 'ar' | 'en';

export interface NewsletterLabels {
  digestHeading: string;
  digestIntro: string;
  unsubscribe: string;
  whyYouGetThis: (newsletterName: string) => string;
  confirmSubject: (newsletterName: string) => string;
  confirmHeading: string;
  confirmBody: (newsletterName: string) => string;
  confirmButton: string;
  confirmIgnore: string;
  testSubjectPrefix: string;
  pages: {
    confirmedTitle: string;
    confirmedBody: (newsletterName: string) => string;
    unsubscribeTitle: string;
    unsubscribeBody: (newsletterName: string) => string;
    unsubscribeButton: string;
    unsubscribedTitle: string;
    unsubscribedBody: string;
    problemTitle: string;
  };
}

const LABELS: Record<NewsletterLanguage, NewsletterLabels> = {
  ar: {
    digestHeading: 'موجز الأسبوع',
    digestIntro: 'أبرز التقارير هذا الأسبوع، في سطور.',
    unsubscribe: 'إلغاء الاشتراك',
    whyYouGetThis: (name) => `وصلتك هذه الرسالة لأنك مشترك في ${name}.`,
    confirmSubject: (name) => `أكّد اشتراكك في ${name}`,
    confirmHeading: 'خطوة أخيرة',
    confirmBody: (name) => `اضغط الزر لتأكيد اشتراكك في ${name} ووصول الموجز الأسبوعي إلى بريدك.`,
    confirmButton: 'تأكيد الاشتراك',
    confirmIgnore: 'إن لم تطلب هذا الاشتراك فتجاهل هذه الرسالة، ولن نراسلك مرة أخرى.',
    testSubjectPrefix: '[تجربة]',
    pages: {
      confirmedTitle: 'تم تأكيد اشتراكك',
      confirmedBody: (name) => `سيصلك ${name} في بريدك كل أسبوع.`,
      unsubscribeTitle: 'إلغاء الاشتراك',
      unsubscribeBody: (name) => `هل تريد التوقف عن تلقي ${name}؟`,
      unsubscribeButton: 'نعم، ألغِ اشتراكي',
      unsubscribedTitle: 'تم إلغاء اشتراكك',
      unsubscribedBody: 'لن تصلك منا رسائل أخرى.',
      problemTitle: 'تعذّر إتمام الطلب',
    },
  },
  en: {
    digestHeading: 'The week in brief',
    digestIntro: "This week's reports, in a few lines each.",
    unsubscribe: 'Unsubscribe',
    whyYouGetThis: (name) => `You receive this because you subscribed to ${name}.`,
    confirmSubject: (name) => `Confirm your subscription to ${name}`,
    confirmHeading: 'One last step',
    confirmBody: (name) => `Press the button to confirm your subscription to ${name} and get the weekly digest.`,
    confirmButton: 'Confirm subscription',
    confirmIgnore: 'If you did not ask for this, ignore this message and we will not write again.',
    testSubjectPrefix: '[Test]',
    pages: {
      confirmedTitle: 'Your subscription is confirmed',
      confirmedBody: (name) => `${name} will reach your inbox every week.`,
      unsubscribeTitle: 'Unsubscribe',
      unsubscribeBody: (name) => `Do you want to stop receiving ${name}?`,
      unsubscribeButton: 'Yes, unsubscribe me',
      unsubscribedTitle: 'You are unsubscribed',
      unsubscribedBody: 'You will get no more email from us.',
      problemTitle: 'That did not work',
    },
  },
};

export function labelsFor(language: NewsletterLanguage): NewsletterLabels {
  return LABELS[language];
}

export function isNewsletterLanguage(language: LanguageCode | string): language is NewsletterLanguage {
  return language === 'ar' || language === 'en';
}
