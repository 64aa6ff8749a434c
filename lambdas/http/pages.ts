// HTTP edge: the small pages a reader sees after clicking a link in an email.
import { escapeHtmlAttribute, type NewsletterIdentity } from '../core/domain/digest';
import { directionOf } from '../core/domain/language';

export interface PageContent {
  title: string;
  message: string;
  /** A POST form with one button, used to ask before acting on a link. */
  form?: { action: string; button: string };
}

export function renderPage(newsletter: NewsletterIdentity, content: PageContent): string {
  const direction = directionOf(newsletter.language);
  const form = content.form
    ? `<form method="post" action="${escapeHtmlAttribute(content.form.action)}"><button type="submit">${escapeHtmlAttribute(content.form.button)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${newsletter.language}" dir="${direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtmlAttribute(content.title)} · ${escapeHtmlAttribute(newsletter.name)}</title>
<style>body{font-family:Tahoma,Arial,sans-serif;background:#f0f2f5;color:#1f2933;margin:0;padding:48px 16px}main{max-width:480px;margin:auto;background:#fff;padding:32px;border-radius:8px}h1{font-size:22px;margin:0 0 12px}button{font:inherit;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}</style>
</head>
<body><main><p>${escapeHtmlAttribute(newsletter.name)}</p><h1>${escapeHtmlAttribute(content.title)}</h1><p>${escapeHtmlAttribute(content.message)}</p>${form}</main></body>
</html>`;
}
