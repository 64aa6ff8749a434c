// HTTP edge: the small pages a reader sees after clicking a link in an email.

import { escapeHtml } from '../core/domain/html';
import type { NewsletterIdentity, NewsletterLanguage } from '../core/domain/newsletter-labels';
import { directionOf } from '../core/domain/text-direction';

export interface PageContent {
  title: string;
  message: string;
  /** A POST form with one button, used to ask before acting on a link. */
  form?: { action: string; button: string };
}

export function renderPage(
  newsletter: NewsletterIdentity,
  content: PageContent,
  language: NewsletterLanguage = newsletter.language,
): string {
  const direction = directionOf(language);
  const form = content.form
    ? `<form method="post" action="${escapeHtml(content.form.action)}"><button type="submit">${escapeHtml(content.form.button)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${language}" dir="${direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(content.title)} · ${escapeHtml(newsletter.name)}</title>
<style>body{font-family:Tahoma,Arial,sans-serif;background:#f0f2f5;color:#1f2933;margin:0;padding:48px 16px}main{max-width:480px;margin:auto;background:#fff;padding:32px;border-radius:8px}h1{font-size:22px;margin:0 0 12px}button{font:inherit;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}</style>
</head>
<body><main><p>${escapeHtml(newsletter.name)}</p><h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(content.message)}</p>${form}</main></body>
</html>`;
}
