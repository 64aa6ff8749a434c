// Test double: an EmailRenderer that keeps every view it was given and renders it to plain, predictable markup —
// enough for the core's tests to find titles, summaries, languages and links without loading MJML.
import type { DigestView, RenderedEmail } from '../../lambdas/core/domain/digest';
import { escapeHtml } from '../../lambdas/core/domain/html';
import type { ConfirmationView, EmailRenderer } from '../../lambdas/core/ports/email-renderer';

export class RecordingEmailRenderer implements EmailRenderer {
  readonly digests: DigestView[] = [];
  readonly confirmations: ConfirmationView[] = [];

  async renderDigest(view: DigestView): Promise<RenderedEmail> {
    this.digests.push(structuredClone(view));
    const items = view.items.map(
      (item) =>
        `<article dir="${item.direction}" lang="${item.language}"><h2>${escapeHtml(item.title)}</h2>${item.summary
          .map((sentence) => `<p>${escapeHtml(sentence)}</p>`)
          .join('')}</article>`,
    );
    const headlines = view.headlines.map(
      (headline) => `<li><a href="${escapeHtml(headline.url)}">${escapeHtml(headline.title)}</a></li>`,
    );
    const web = view.webUrl ? `<a href="${escapeHtml(view.webUrl)}">${escapeHtml(view.webLabel)}</a>` : '';
    const unsubscribe = view.unsubscribeUrl
      ? `<a href="${escapeHtml(view.unsubscribeUrl)}">${escapeHtml(view.unsubscribeLabel)}</a>`
      : '';
    return {
      subject: view.subject,
      html: `<html lang="${view.language}" dir="${view.direction}"><h1>${escapeHtml(view.heading)}</h1>${items.join('')}<ul>${headlines.join('')}</ul>${escapeHtml(view.unlisted)}${web}${unsubscribe}</html>`,
      text: [
        view.heading,
        ...view.items.flatMap((item) => [item.title, ...item.summary]),
        ...view.headlines.map((headline) => `${headline.title}: ${headline.url}`),
        `${view.unsubscribeLabel}: ${view.unsubscribeUrl}`,
      ].join('\n'),
    };
  }

  /** The page is the email's HTML, as the real renderer makes it (the view is recorded the same way). */
  async renderDigestPage(view: DigestView): Promise<string> {
    return (await this.renderDigest(view)).html;
  }

  async renderConfirmation(view: ConfirmationView): Promise<RenderedEmail> {
    this.confirmations.push(structuredClone(view));
    return {
      subject: view.subject,
      html: `<html lang="${view.language}" dir="${view.direction}"><a href="${escapeHtml(view.confirmUrl)}">${escapeHtml(view.button)}</a></html>`,
      text: `${view.body}\n${view.confirmUrl}`,
    };
  }
}
