// HTTP edge: the console's next-edition pages — /console/next, the edition as a send would make it now (each report
// in the email's order with its forms: hold or include, up or down, the summary rewritten or restored), the send's
// confirmation, and the small page that says why an action could not be done. Every value through escapeHtml; no
// script: each action is a form of its own, carrying the session's `_csrf`.
import { consoleLabels } from '../core/domain/console-labels';
import type { WaitingEntry } from '../core/domain/edition';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import { shownSummary, sourceNameOf } from '../core/domain/report';
import { MAX_EDITED_SUMMARY_LENGTH } from '../core/domain/report-edit';
import type { NextEditionDraft } from '../core/use-cases/send-digest';
import { type ConsoleFormat, fill, shellFormat } from './console-format';
import { type ConsoleShell, csrfField, renderConsolePage } from './console-pages';

type Words = ReturnType<typeof consoleLabels>;

/** What the editor can do to a waiting report from this page (console-next-routes.ts carries each out). */
export const REPORT_ACTIONS = ['exclude', 'include', 'up', 'down', 'save', 'restore'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export function renderNextEditionPage(shell: ConsoleShell, draft: NextEditionDraft, notice?: string): string {
  const words = consoleLabels(shell.session.language, shell.newsletter.name);
  const format = shellFormat(shell);
  const report = (entry: WaitingEntry) => reportItem(shell, entry, words, format);
  const list = (id: string, title: string, entries: readonly WaitingEntry[], start: number) =>
    entries.length === 0
      ? ''
      : `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)} <span class="count">(${escapeHtml(format.number(entries.length))})</span></h2><ol class="reports" start="${start}">${entries.map(report).join('')}</ol></section>`;
  const taken = draft.featured.length + draft.headlines.length + draft.unlisted.length;
  const parts = [
    notice ? `<p role="status" class="notice">${escapeHtml(notice)}</p>` : '',
    `<p>${escapeHtml(words.nextIntro)}</p>`,
    draft.underWay
      ? `<p class="notice"><a href="${escapeHtml(sitePaths.consoleEdition(draft.underWay.id))}">${escapeHtml(fill(words.nextUnderWay, { id: draft.underWay.id }))}</a></p>`
      : '',
    taken === 0 ? `<p><strong>${escapeHtml(words.nextNone)}</strong></p>` : '',
    list('featured', words.nextFeatured, draft.featured, 1),
    list('headlines', words.nextHeadlines, draft.headlines, draft.featured.length + 1),
    list('unlisted', words.nextUnlisted, draft.unlisted, draft.featured.length + draft.headlines.length + 1),
    taken > 0 ? sendSection(shell, words) : '',
    list('held', words.nextHeld, draft.held, 1),
  ];
  return renderConsolePage(shell, words.nextTitle, parts.join('\n'));
}

function reportItem(shell: ConsoleShell, entry: WaitingEntry, words: Words, format: ConsoleFormat): string {
  const id = escapeHtml(entry.id);
  const source = sourceNameOf(entry);
  const facts = [
    source !== undefined ? [words.nextSource, source] : undefined,
    entry.publishedAt !== undefined ? [words.nextPublished, format.dateTime(entry.publishedAt)] : undefined,
    [words.nextReceived, format.dateTime(entry.receivedAt)],
    [words.nextPriority, format.number(entry.priority ?? 0)],
  ]
    .filter((fact): fact is [string, string] => fact !== undefined)
    .map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd dir="auto">${escapeHtml(value)}</dd></div>`)
    .join('');
  const edited = entry.editedSummary !== undefined;
  const summary = shownSummary(entry)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
  const phrases = (entry.keyPhrases ?? []).map((phrase) => `<li>${escapeHtml(phrase)}</li>`).join('');
  const lang = `lang="${escapeHtml(entry.language)}" dir="auto"`;
  const action = (name: ReportAction, label: string) =>
    `<form method="post" action="${escapeHtml(sitePaths.consoleReport(entry.id))}">${csrfField(shell.session)}<input type="hidden" name="action" value="${name}"><button type="submit" aria-describedby="title-${id}">${escapeHtml(label)}</button></form>`;
  const buttons = entry.held
    ? action('include', words.nextInclude)
    : [action('up', words.nextUp), action('down', words.nextDown), action('exclude', words.nextExclude)].join('');
  const summaryForm = `<form method="post" action="${escapeHtml(sitePaths.consoleReport(entry.id))}" class="summary-form">${csrfField(shell.session)}<input type="hidden" name="action" value="save"><label for="summary-${id}">${escapeHtml(words.nextSummaryLabel)}</label><textarea id="summary-${id}" name="summary" rows="4" maxlength="${MAX_EDITED_SUMMARY_LENGTH}" required ${lang}>${escapeHtml(shownSummary(entry).join('\n'))}</textarea><button type="submit" aria-describedby="title-${id}">${escapeHtml(words.nextSave)}</button></form>`;
  return `<li class="report" id="report-${id}"><article aria-labelledby="title-${id}">
<h3 id="title-${id}" ${lang}>${escapeHtml(entry.title)}</h3>
<dl class="facts">${facts}</dl>
<h4>${escapeHtml(words.nextSummary)}${edited ? ` <span class="edited">${escapeHtml(words.nextEdited)}</span>` : ''}</h4>
<div class="summary" ${lang}>${summary}</div>
${phrases ? `<h4>${escapeHtml(words.nextKeyPhrases)}</h4><ul class="phrases" ${lang}>${phrases}</ul>` : ''}
<div class="actions" role="group" aria-label="${escapeHtml(words.nextReportActions)}">${buttons}${edited ? action('restore', words.nextRestore) : ''}</div>
<details><summary>${escapeHtml(words.nextSummaryLabel)}</summary>${summaryForm}</details>
</article></li>`;
}

function sendSection(shell: ConsoleShell, words: Words): string {
  const send = (mode: 'test' | 'send', label: string) =>
    `<form method="post" action="${sitePaths.consoleSend()}">${csrfField(shell.session)}<input type="hidden" name="mode" value="${mode}"><button type="submit">${escapeHtml(label)}</button></form>`;
  return `<section aria-labelledby="send"><h2 id="send">${escapeHtml(words.nextSendTitle)}</h2>
<p><a href="${sitePaths.consoleNextPreview()}">${escapeHtml(words.nextPreview)}</a></p>
<div class="actions">${send('test', words.nextSendTest)}${send('send', words.nextSendEdition)}</div></section>`;
}

/** What a send would do, asked before it starts; a send with nothing to carry or no one to reach says so instead. */
export function renderSendConfirmPage(
  shell: ConsoleShell,
  plan: { readers: number; featured: number; headlines: number; unlisted: number },
): string {
  const words = consoleLabels(shell.session.language, shell.newsletter.name);
  const format = shellFormat(shell);
  const back = `<p><a href="${sitePaths.consoleNext()}">${escapeHtml(words.nextBack)}</a></p>`;
  const reports = plan.featured + plan.headlines + plan.unlisted;
  if (reports === 0 || plan.readers === 0) {
    const why = reports === 0 ? words.nextNoReports : words.nextNoReaders;
    return renderConsolePage(
      shell,
      words.nextConfirmTitle,
      `<p role="status"><strong>${escapeHtml(why)}</strong></p>${back}`,
    );
  }
  const body = fill(words.nextConfirmBody, {
    readers: format.number(plan.readers),
    featured: format.number(plan.featured),
    headlines: format.number(plan.headlines),
  });
  const unlisted =
    plan.unlisted > 0 ? ` ${fill(words.nextConfirmUnlisted, { unlisted: format.number(plan.unlisted) })}` : '';
  return renderConsolePage(
    shell,
    words.nextConfirmTitle,
    `<p>${escapeHtml(body + unlisted)}</p>
<form method="post" action="${sitePaths.consoleSend()}">${csrfField(shell.session)}<input type="hidden" name="mode" value="send"><input type="hidden" name="confirm" value="yes"><button type="submit">${escapeHtml(words.nextConfirmButton)}</button></form>${back}`,
  );
}

/** Why an action on this page could not be done (a report an edition took, a summary refused, nothing to send). */
export function renderNextProblemPage(shell: ConsoleShell, message: string): string {
  const words = consoleLabels(shell.session.language, shell.newsletter.name);
  return renderConsolePage(
    shell,
    words.nextProblemTitle,
    `<p role="alert">${escapeHtml(message)}</p><p><a href="${sitePaths.consoleNext()}">${escapeHtml(words.nextBack)}</a></p>`,
  );
}
