// Test data: the confirmation email's view in Arabic, as the renderer tests and the template compiler's test use it.
import type { ConfirmationView } from '../../lambdas/core/ports/email-renderer';

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
