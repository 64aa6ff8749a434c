// HTTP edge: the console's pages — the signed-out ones (the sign-in form, a mailed link's page) and the shell every
// signed-in page is drawn in: the newsletter and where the operator is, the console's sections, the language switch
// and sign-out (each a form carrying the session's `_csrf`). No script (the CSP forbids it); Arabic right-to-left or
// English, from 390 px wide up.
import * as z from 'zod';
import type { ConsoleSession } from '../core/domain/console-access';
import { type ConsoleLabels, consoleLabels } from '../core/domain/console-labels';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from '../core/domain/newsletter-languages';
import { directionOf } from '../core/domain/text-direction';
import { fill } from './console-format';

/** The field every state-changing console form carries: the session's secret (console-guard.ts checks it). */
export const CSRF_FIELD = '_csrf';

/**
 * The console's sections, in the navigation's order: a page is listed once it is served, so that no link leads to
 * a page that is not there yet.
 */
export const CONSOLE_SECTIONS: ReadonlyArray<{ path: string; label: (words: ConsoleLabels) => string }> = [
  { path: sitePaths.console(), label: (words) => words.navOverview },
  { path: sitePaths.consoleNext(), label: (words) => words.nextNav },
  { path: sitePaths.consoleEditions(), label: (words) => words.editionsNav },
  { path: sitePaths.consoleReports(), label: (words) => words.reportsNav },
  { path: sitePaths.consoleSubscribers(), label: (words) => words.subscribersNav },
  { path: sitePaths.consoleSources(), label: (words) => words.sourcesNav },
  { path: sitePaths.consoleActivity(), label: (words) => words.activityNav },
];

const STYLE = [
  '*{box-sizing:border-box}',
  'body{font-family:"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,Arial,sans-serif;background:#f0f2f5;color:#1f2933;margin:0;line-height:1.6}',
  'header{background:#12263f;color:#fff;padding:12px 16px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}',
  'header .brand{font-weight:bold;margin:0}',
  'header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}',
  'header nav a{color:#fff;text-decoration:underline;text-underline-offset:4px}',
  'header nav a[aria-current=page]{font-weight:bold;text-decoration-thickness:3px}',
  '.account{margin-inline-start:auto;display:flex;flex-wrap:wrap;gap:8px;align-items:center}',
  '.account form{margin:0}',
  '.account button{font:inherit;background:#fff;color:#12263f;border:0;border-radius:6px;padding:6px 14px;cursor:pointer}',
  'main{max-width:960px;margin:24px auto;background:#fff;padding:24px;border-radius:8px}',
  '.narrow{max-width:560px}',
  'h1{font-size:24px;margin:0 0 12px}',
  'label{display:block;margin:16px 0 6px;font-weight:bold}',
  'input[type=email]{font:inherit;width:100%;padding:10px;border:1px solid #616e7c;border-radius:6px;direction:ltr}',
  'main button{font:inherit;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:10px 22px;margin-top:16px;cursor:pointer}',
  '.meta{color:#52606d;font-size:14px}a{color:#0b5cad}',
  // The lists' sections (reports, readers, sources): fields, tables that scroll on their own at 390 px, notices.
  'input[type=text],input[type=url],input[type=search],input[type=file],textarea{font:inherit;width:100%;padding:10px;border:1px solid #616e7c;border-radius:6px}',
  'input[type=url]{direction:ltr}textarea{min-height:10em}',
  'h2{font-size:19px;margin:28px 0 8px}section{border-top:1px solid #d9dee3;margin-top:24px}',
  '.table{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{text-align:start;padding:8px;border-bottom:1px solid #d9dee3;vertical-align:top}',
  'td form{display:inline;margin:0}td button{margin:2px 0;padding:6px 12px}',
  '.problem{border-inline-start:4px solid #b42318;background:#fef3f2;padding:8px 12px}',
  '.done{border-inline-start:4px solid #067647;background:#ecfdf3;padding:8px 12px}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:bold}dd{margin:0}',
  // An address reads left to right as one piece, also where an Arabic line breaks.
  'bdi{display:inline-block;direction:ltr;overflow-wrap:anywhere}',
  '@media (max-width:600px){main{margin:0;border-radius:0;padding:20px 16px}.account{margin-inline-start:0}}',
  // The overview and the next edition (console-overview-pages.ts, console-next-pages.ts).
  'h2{font-size:19px;margin:28px 0 10px}h3{font-size:17px;margin:0 0 6px}h4{font-size:15px;margin:12px 0 4px}',
  '.figures{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 12px}.figures div{background:#f0f4f8;border-radius:6px;padding:8px 14px;min-width:130px}',
  '.figures dt{font-size:14px;color:#52606d}.figures dd{margin:0;font-size:22px;font-weight:bold}',
  '.table{overflow-x:auto;max-width:100%}table{border-collapse:collapse;min-width:100%}caption{text-align:start;font-weight:bold;padding:6px 0}',
  'th,td{text-align:start;padding:6px 10px;border-bottom:1px solid #d9e2ec;vertical-align:top}td.over{color:#8a1c1c;background:#fdecea}',
  '.chart{margin:8px 0}.chart svg{width:100%;height:160px;display:block;background:#f8fafc}rect.gain{fill:#0b5cad}rect.loss{fill:#b42318}line.zero{stroke:#52606d;stroke-width:1}',
  'details summary{cursor:pointer;color:#0b5cad;margin:6px 0}',
  '.notice{background:#fff8e1;border-inline-start:4px solid #b7791f;padding:8px 12px}',
  'ol.reports{padding:0;margin:0;list-style-position:inside}li.report{border:1px solid #d9e2ec;border-radius:8px;padding:12px 14px;margin:0 0 12px}',
  'li.report::marker{font-weight:bold}li.report article{display:block}.facts{display:flex;flex-wrap:wrap;gap:2px 18px;margin:0;font-size:14px;color:#52606d}',
  '.facts div{display:flex;gap:6px}.facts dd{margin:0}.summary p{margin:4px 0}.edited{background:#e3f8e8;color:#14532d;font-size:13px;border-radius:4px;padding:1px 6px}',
  '.phrases{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0;margin:0}.phrases li{background:#f0f4f8;border-radius:4px;padding:0 8px;font-size:14px}',
  '.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}.actions form{margin:0}.actions button,.summary-form button{margin-top:0;padding:6px 14px;font-size:15px}',
  'textarea{font:inherit;width:100%;padding:8px;border:1px solid #616e7c;border-radius:6px}.summary-form button{margin-top:8px}.count{font-weight:normal;color:#52606d}',
].join('');

function document(
  language: NewsletterLanguage,
  title: string,
  newsletter: NewsletterIdentity,
  body: string,
  head: PageHead = {},
): string {
  const words = consoleLabels(language, newsletter.name);
  return `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${escapeHtml(words.consoleName)} · ${escapeHtml(newsletter.name)}</title>
${head.refreshSeconds !== undefined ? `<meta http-equiv="refresh" content="${Math.max(1, Math.floor(head.refreshSeconds))}">\n` : ''}<style>${STYLE}${head.style ?? ''}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** What a page may add to its head: a reload without script (while something moves), and its own styles. */
export interface PageHead {
  /** Reload every so many seconds (`<meta http-equiv="refresh">`): only through followControls. */
  refreshSeconds?: number;
  /** CSS for this page's own elements, after the shell's. */
  style?: string;
}

/** How often a followed page reloads. */
export const FOLLOW_SECONDS = 5;

/** The query that asks a page to follow what moves on it, and how its routes read it. */
export const FOLLOW_QUERY = 'follow=1';
export const followQuery = z.literal('1').optional();

/**
 * Something that moves on its own (an edition sending, an import running) is followed only when the operator asks:
 * a page that reloads by itself is a time limit (WCAG 2.2.1, which axe counts critical), so it reloads only at
 * `?follow=1`, and every page that does says so and offers to stop — the "turn off" WCAG asks for. Nothing moving,
 * nothing to follow. `path` is the page's own address, without a query.
 */
export function followControls(
  words: ConsoleLabels,
  page: { path: string; moving: boolean; following: boolean },
): { html: string; head: PageHead } {
  if (!page.moving) return { html: '', head: {} };
  const seconds = { seconds: FOLLOW_SECONDS };
  if (!page.following) {
    const start = `<a href="${escapeHtml(`${page.path}?${FOLLOW_QUERY}`)}">${escapeHtml(fill(words.followStart, seconds))}</a>`;
    return { html: `<p class="meta follow">${escapeHtml(words.followOff)} ${start}</p>`, head: {} };
  }
  const stop = `<a href="${escapeHtml(page.path)}">${escapeHtml(words.followStop)}</a>`;
  return {
    html: `<p class="meta follow">${escapeHtml(fill(words.followOn, seconds))} ${stop}</p>`,
    head: { refreshSeconds: FOLLOW_SECONDS },
  };
}

/** A page before sign-in: the newsletter's name, the page, and a link to the same page in the other language. */
function signedOutPage(
  newsletter: NewsletterIdentity,
  language: NewsletterLanguage,
  title: string,
  content: string,
  otherLanguageHref?: string,
): string {
  const words = consoleLabels(language, newsletter.name);
  const other = otherLanguage(language);
  const switchLink = otherLanguageHref
    ? `<p class="meta"><a href="${escapeHtml(otherLanguageHref)}" hreflang="${other}" lang="${other}">${escapeHtml(words.switchLanguage)}</a></p>`
    : '';
  return document(
    language,
    title,
    newsletter,
    `<header><p class="brand">${escapeHtml(newsletter.name)} · ${escapeHtml(words.consoleName)}</p></header>
<main class="narrow"><h1>${escapeHtml(title)}</h1>${content}${switchLink}</main>`,
  );
}

function otherLanguage(language: NewsletterLanguage): NewsletterLanguage {
  return NEWSLETTER_LANGUAGES.find((candidate) => candidate !== language) ?? language;
}

/**
 * GET /console/sign-in, and the answer to every POST of it — one page whoever the address is, so that nothing in it
 * tells an operator from anyone else. `sent` adds the sentence that a link may be on its way.
 */
export function renderSignInPage(newsletter: NewsletterIdentity, language: NewsletterLanguage, sent: boolean): string {
  const words = consoleLabels(language, newsletter.name);
  const notice = sent ? `<p role="status"><strong>${escapeHtml(words.signInSent)}</strong></p>` : '';
  const content = `${notice}<p>${escapeHtml(words.signInIntro)}</p>
<form method="post" action="${sitePaths.consoleSignIn()}">
<input type="hidden" name="language" value="${language}">
<label for="email">${escapeHtml(words.emailLabel)}</label>
<input id="email" name="email" type="email" required autocomplete="email" inputmode="email" maxlength="${MAX_EMAIL_LENGTH}">
<button type="submit">${escapeHtml(words.signInButton)}</button>
</form>`;
  return signedOutPage(
    newsletter,
    language,
    words.signInTitle,
    content,
    sitePaths.consoleSignIn(otherLanguage(language)),
  );
}

/** GET of a mailed link: a button that POSTs it (link scanners follow GETs, and must not spend the link). */
export function renderSignInConfirmPage(
  newsletter: NewsletterIdentity,
  language: NewsletterLanguage,
  token: string,
): string {
  const words = consoleLabels(language, newsletter.name);
  const content = `<p>${escapeHtml(words.confirmBody)}</p>
<form method="post" action="${escapeHtml(sitePaths.consoleSignInConfirm(token))}"><button type="submit">${escapeHtml(words.confirmButton)}</button></form>`;
  return signedOutPage(newsletter, language, words.confirmTitle, content);
}

/** A link that cannot sign in (used, expired, unknown, or no operator's any more): the way to a new one. */
export function renderSignInRefusedPage(newsletter: NewsletterIdentity, language: NewsletterLanguage): string {
  const words = consoleLabels(language, newsletter.name);
  const content = `<p>${escapeHtml(words.linkRefusedBody)}</p>
<p><a href="${escapeHtml(sitePaths.consoleSignIn(language))}">${escapeHtml(words.requestNewLink)}</a></p>`;
  return signedOutPage(newsletter, language, words.linkRefusedTitle, content);
}

/** What every signed-in page is drawn with. */
export interface ConsoleShell {
  newsletter: NewsletterIdentity;
  session: ConsoleSession;
  /** The section the page belongs to (CONSOLE_SECTIONS), marked as the current one. */
  section: string;
  /** The newsletter's IANA time zone: every time on the page is shown in it (console-format.ts). */
  timeZone: string;
}

/** A hidden `_csrf` field with the session's secret: every state-changing console form carries one. */
export function csrfField(session: ConsoleSession): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(session.csrfSecret)}">`;
}

/**
 * A signed-in page: the shell (sections, who is signed in, the language switch, sign-out) around `body`, which the
 * caller has escaped. The page's words are the session's language.
 */
export function renderConsolePage(shell: ConsoleShell, title: string, body: string, head: PageHead = {}): string {
  const { newsletter, session } = shell;
  const language = session.language;
  const words = consoleLabels(language, newsletter.name);
  const other = otherLanguage(language);
  const sections = CONSOLE_SECTIONS.map(
    (section) =>
      `<li><a href="${escapeHtml(section.path)}"${section.path === shell.section ? ' aria-current="page"' : ''}>${escapeHtml(section.label(words))}</a></li>`,
  ).join('');
  const header = `<header>
<p class="brand">${escapeHtml(newsletter.name)} · ${escapeHtml(words.consoleName)}</p>
<nav aria-label="${escapeHtml(words.navLabel)}"><ul>${sections}</ul></nav>
<div class="account">
<span>${escapeHtml(words.signedInAs)} <bdi dir="ltr">${escapeHtml(session.email)}</bdi></span>
<form method="post" action="${sitePaths.consoleLanguage()}">${csrfField(session)}<input type="hidden" name="language" value="${other}"><button type="submit" lang="${other}" aria-label="${escapeHtml(words.languageLabel)}: ${escapeHtml(words.switchLanguage)}">${escapeHtml(words.switchLanguage)}</button></form>
<form method="post" action="${sitePaths.consoleSignOut()}">${csrfField(session)}<button type="submit">${escapeHtml(words.signOut)}</button></form>
</div>
</header>`;
  return document(language, title, newsletter, `${header}\n<main><h1>${escapeHtml(title)}</h1>${body}</main>`, head);
}
