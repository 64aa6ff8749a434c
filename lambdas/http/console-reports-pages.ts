// HTTP edge: the console's reports — the list, newest first or searched by title, each with where it stands; one
// report's page; the two ways to add one (pasted text, or its web address). Server-rendered, no script.
import { type ConsoleLabels, consoleLabels } from '../core/domain/console-labels';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import type { Report } from '../core/domain/report';
import { MAX_LINK_LENGTH } from '../core/domain/report-submission';
import {
  MAX_REPORT_SEARCH_LENGTH,
  type ReportList,
  type ReportState,
  reportStateOf,
} from '../core/use-cases/console-lists';
import { fill, shellFormat } from './console-format';
import { doneNotice, problemNotice } from './console-page-parts';
import { type ConsoleShell, csrfField, renderConsolePage } from './console-pages';

function wordsOf(shell: ConsoleShell): ConsoleLabels {
  return consoleLabels(shell.session.language, shell.newsletter.name);
}

export function stateLabel(words: ConsoleLabels, state: ReportState): string {
  switch (state.kind) {
    case 'waiting':
      return words.reportsStateWaiting;
    case 'held':
      return words.reportsStateHeld;
    case 'in-edition':
      return fill(words.reportsStateInEdition, { number: state.editionId });
  }
}

export interface ReportsPageView {
  list: ReportList;
  /** The search as given, shown back in its field. */
  title?: string;
  /** Whether this page starts past the newest report. */
  paged: boolean;
  /** Why the last form was refused, or what it did. */
  problem?: string;
  /** The pasted text, given back after a refusal so that nothing typed is lost. */
  text?: string;
}

/** GET /console/reports: the search, the list (or a search's matches), the way on, and both ways to add one. */
export function renderReportsPage(shell: ConsoleShell, view: ReportsPageView): string {
  const words = wordsOf(shell);
  const { list } = view;
  const searching = (view.title ?? '').trim() !== '';
  const search = `<form method="get" action="${sitePaths.consoleReports()}" role="search">
<label for="title">${escapeHtml(words.reportsSearchLabel)}</label>
<input id="title" name="title" type="search" maxlength="${MAX_REPORT_SEARCH_LENGTH}" value="${escapeHtml(view.title ?? '')}">
<button type="submit">${escapeHtml(words.reportsSearchButton)}</button>
</form>`;
  const rows = list.reports
    .map(
      (
        report,
      ) => `<tr><td><a href="${escapeHtml(sitePaths.consoleReport(report.id))}">${escapeHtml(report.title)}</a></td>
<td>${escapeHtml(report.source ?? '')}</td><td>${shellFormat(shell).time(report.receivedAt)}</td><td>${escapeHtml(stateLabel(words, report.state))}</td></tr>`,
    )
    .join('\n');
  const table =
    list.reports.length === 0
      ? `<p>${escapeHtml(searching ? words.reportsNoMatch : words.reportsNone)}</p>`
      : `<div class="table"><table><thead><tr><th scope="col">${escapeHtml(words.reportsColumnTitle)}</th><th scope="col">${escapeHtml(words.reportsColumnSource)}</th><th scope="col">${escapeHtml(words.reportsColumnReceived)}</th><th scope="col">${escapeHtml(words.reportsColumnState)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
  const window =
    list.searched !== undefined
      ? `<p class="meta">${escapeHtml(fill(words.reportsSearchWindow, { count: list.searched }))}</p>`
      : '';
  const ways = [
    view.paged ? `<a href="${sitePaths.consoleReports()}">${escapeHtml(words.reportsNewest)}</a>` : '',
    list.next
      ? `<a href="${escapeHtml(sitePaths.consoleReports({ title: view.title, after: list.next }))}">${escapeHtml(words.reportsOlder)}</a>`
      : '',
  ].filter((way) => way !== '');
  const nav = ways.length > 0 ? `<p>${ways.join(' · ')}</p>` : '';
  const body = `${view.problem ? problemNotice(view.problem) : ''}${search}${window}${table}${nav}
${addForms(shell, words, view.text)}`;
  return renderConsolePage({ ...shell, section: sitePaths.consoleReports() }, words.reportsTitle, body);
}

function addForms(shell: ConsoleShell, words: ConsoleLabels, text = ''): string {
  return `<section aria-labelledby="add-text"><h2 id="add-text">${escapeHtml(words.reportsAddTextTitle)}</h2>
<form method="post" action="${sitePaths.consoleReports()}">${csrfField(shell.session)}
<p class="meta" id="text-help">${escapeHtml(words.reportsAddTextHelp)}</p>
<label for="text">${escapeHtml(words.reportsTextLabel)}</label>
<textarea id="text" name="text" required dir="auto" aria-describedby="text-help">${escapeHtml(text)}</textarea>
<button type="submit">${escapeHtml(words.reportsAddTextButton)}</button>
</form></section>
<section aria-labelledby="add-url"><h2 id="add-url">${escapeHtml(words.reportsAddUrlTitle)}</h2>
${renderAddByUrlForm(shell, words)}</section>`;
}

function renderAddByUrlForm(shell: ConsoleShell, words: ConsoleLabels, url = ''): string {
  return `<form method="post" action="${sitePaths.consoleReportByUrl()}">${csrfField(shell.session)}
<p class="meta" id="url-help">${escapeHtml(words.reportsAddUrlHelp)}</p>
<label for="url">${escapeHtml(words.reportsUrlLabel)}</label>
<input id="url" name="url" type="url" required maxlength="${MAX_LINK_LENGTH}" inputmode="url" aria-describedby="url-help" value="${escapeHtml(url)}">
<button type="submit">${escapeHtml(words.reportsAddUrlButton)}</button>
</form>`;
}

/**
 * A report by address that could not be added (served by the sources function, which cannot draw the list): why,
 * the form again with the address given, and the way back.
 */
export function renderReportByUrlRefusedPage(shell: ConsoleShell, url: string, problem: string): string {
  const words = wordsOf(shell);
  const body = `${problemNotice(problem)}${renderAddByUrlForm(shell, words, url)}
<p><a href="${sitePaths.consoleReports()}">${escapeHtml(words.reportsBack)}</a></p>`;
  return renderConsolePage({ ...shell, section: sitePaths.consoleReports() }, words.reportsNotAddedTitle, body);
}

/** GET /console/reports/{id}: what the report says and where it stands. `existing`: an add that found it stored. */
export function renderReportPage(shell: ConsoleShell, report: Report, existing = false): string {
  const words = wordsOf(shell);
  const summary = report.editedSummary ?? report.summary.join(' ');
  const facts = [
    [words.reportsColumnState, escapeHtml(stateLabel(words, reportStateOf(report)))],
    [words.reportsColumnSource, escapeHtml(report.source ?? '')],
    [words.reportsColumnReceived, shellFormat(shell).time(report.receivedAt)],
    ...(report.url
      ? [
          [
            words.reportsDetailLink,
            `<a href="${escapeHtml(report.url)}" rel="noreferrer"><bdi dir="ltr">${escapeHtml(report.url)}</bdi></a>`,
          ],
        ]
      : []),
  ]
    .filter(([, value]) => value !== '')
    .map(([term, value]) => `<dt>${escapeHtml(term!)}</dt><dd>${value}</dd>`)
    .join('');
  const body = `${existing ? doneNotice(words.reportsAddedExisting) : ''}<dl>${facts}</dl>
${report.lede ? `<p lang="${escapeHtml(report.language)}" dir="auto"><strong>${escapeHtml(report.lede)}</strong></p>` : ''}
<h2>${escapeHtml(words.reportsDetailSummary)}</h2>
<p lang="${escapeHtml(report.language)}" dir="auto">${escapeHtml(summary)}</p>${report.editedSummary !== undefined ? `<p class="meta">${escapeHtml(words.reportsDetailEdited)}</p>` : ''}
<h2>${escapeHtml(words.reportsDetailKeyPhrases)}</h2>
<p lang="${escapeHtml(report.language)}" dir="auto">${escapeHtml(report.keyPhrases.join(report.language === 'ar' ? '، ' : ', '))}</p>
<p><a href="${sitePaths.consoleReports()}">${escapeHtml(words.reportsBack)}</a></p>`;
  return renderConsolePage({ ...shell, section: sitePaths.consoleReports() }, report.title, body);
}
