// HTTP edge: the small server-rendered pages a reader sees — the subscribe page, what follows a link from an email,
// and the archive. No script anywhere (the CSP forbids it); every form works as plain HTML.

import { archiveEntrySummary, archiveEntryTitle } from '../core/domain/archive-entry';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import { labelsFor, type NewsletterIdentity } from '../core/domain/newsletter-labels';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from '../core/domain/newsletter-languages';
import { directionOf } from '../core/domain/text-direction';
import type { ArchivedEdition } from '../core/use-cases/archive';

export interface PageContent {
  title: string;
  message: string;
  /** A POST form with one button, used to ask before acting on a link. */
  form?: { action: string; button: string };
}

const STYLE = [
  'body{font-family:"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,Arial,sans-serif;background:#f0f2f5;color:#1f2933;margin:0;padding:32px 16px;line-height:1.6}',
  'main{max-width:560px;margin:auto;background:#fff;padding:28px;border-radius:8px;box-sizing:border-box}',
  'h1{font-size:24px;margin:0 0 12px}',
  'button{font:inherit;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:10px 22px;cursor:pointer}',
  'label{display:block;margin:16px 0 6px;font-weight:bold}',
  'input[type=email]{font:inherit;width:100%;box-sizing:border-box;padding:10px;border:1px solid #9aa5b1;border-radius:6px;direction:ltr}',
  'fieldset{border:0;padding:0;margin:16px 0}legend{font-weight:bold;margin-bottom:6px}',
  'fieldset label{display:inline;font-weight:normal;margin:0 12px}',
  'ol{padding-inline-start:20px}li{margin:10px 0}',
  'nav{max-width:560px;margin:16px auto 0;font-size:14px}nav a{margin-inline-end:16px;color:#0b5cad}',
  '.brand{color:#52606d;margin:0 0 4px}.meta{color:#52606d;font-size:14px}',
].join('');

/** The shell of every page: language and direction, the newsletter's name, the links between pages. */
function layout(
  newsletter: NewsletterIdentity,
  language: NewsletterLanguage,
  title: string,
  body: string,
  options: { indexable?: boolean } = {},
): string {
  const words = labelsFor(newsletter, language).pages;
  return `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.indexable ? '' : '<meta name="robots" content="noindex">\n'}<title>${escapeHtml(title)} · ${escapeHtml(newsletter.name)}</title>
<link rel="alternate" type="application/atom+xml" href="${sitePaths.feed()}" title="${escapeHtml(newsletter.name)}">
<style>${STYLE}</style>
</head>
<body><main><p class="brand">${escapeHtml(newsletter.name)}</p><h1>${escapeHtml(title)}</h1>${body}</main>
<nav><a href="${escapeHtml(homeIn(newsletter, language))}">${escapeHtml(words.subscribeLink)}</a><a href="${sitePaths.archive()}">${escapeHtml(words.archiveLink)}</a><a href="${sitePaths.feed()}">${escapeHtml(words.feedLink)}</a></nav>
</body>
</html>`;
}

/** The subscribe page in `language`: the bare root in the newsletter's own. */
function homeIn(newsletter: NewsletterIdentity, language: NewsletterLanguage): string {
  return sitePaths.home(language === newsletter.language ? undefined : language);
}

/** A message, and when asked for, a form with one button (what a link from an email opens). */
export function renderPage(
  newsletter: NewsletterIdentity,
  content: PageContent,
  language: NewsletterLanguage = newsletter.language,
): string {
  const form = content.form
    ? `<form method="post" action="${escapeHtml(content.form.action)}"><button type="submit">${escapeHtml(content.form.button)}</button></form>`
    : '';
  return layout(newsletter, language, content.title, `<p>${escapeHtml(content.message)}</p>${form}`);
}

/** GET /: the name, what it is, an email field and the reader's language; posts to /subscriptions. */
export function renderSubscribePage(newsletter: NewsletterIdentity, language: NewsletterLanguage): string {
  const words = labelsFor(newsletter, language);
  const { pages } = words;
  const other = NEWSLETTER_LANGUAGES.find((candidate) => candidate !== language) ?? language;
  const choices = NEWSLETTER_LANGUAGES.map(
    (code) =>
      `<label><input type="radio" name="language" value="${code}"${code === language ? ' checked' : ''}> ${escapeHtml(words.languageNames[code])}</label>`,
  ).join('');
  const body = `<p>${escapeHtml(pages.subscribeDescription)}</p>
<form method="post" action="${sitePaths.subscribe()}">
<label for="email">${escapeHtml(pages.emailLabel)}</label>
<input id="email" name="email" type="email" required autocomplete="email" inputmode="email" maxlength="${MAX_EMAIL_LENGTH}" placeholder="reader@example.com">
<fieldset><legend>${escapeHtml(pages.languageLabel)}</legend>${choices}</fieldset>
<button type="submit">${escapeHtml(pages.subscribeButton)}</button>
</form>
<p class="meta"><a href="${escapeHtml(homeIn(newsletter, other))}" hreflang="${other}" lang="${other}">${escapeHtml(pages.otherLanguage)}</a></p>`;
  return layout(newsletter, language, pages.subscribeTitle, body, { indexable: true });
}

/** GET /archive: every sent edition, newest first, each linking to its page. */
export function renderArchivePage(newsletter: NewsletterIdentity, editions: readonly ArchivedEdition[]): string {
  const language = newsletter.language;
  const { pages } = labelsFor(newsletter, language);
  const list =
    editions.length === 0
      ? `<p>${escapeHtml(pages.archiveEmpty)}</p>`
      : `<ol reversed>${editions
          .map(
            (edition) =>
              `<li><a href="${escapeHtml(sitePaths.edition(edition.id))}">${escapeHtml(archiveEntryTitle(pages, edition))}</a><br><span class="meta">${escapeHtml(archiveEntrySummary(pages, edition))}</span></li>`,
          )
          .join('')}</ol>`;
  return layout(newsletter, language, pages.archiveTitle, `<p>${escapeHtml(pages.archiveIntro)}</p>${list}`, {
    indexable: true,
  });
}
