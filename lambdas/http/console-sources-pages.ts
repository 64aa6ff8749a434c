// HTTP edge: the console's feed sources — each with its health as GET /sources gives it (state, failures in a row,
// the last poll and its error, the next one) and its pause, resume and poll-now buttons; the form that adds one.
// Served by the sources function, with the page of a report by web address that could not be added.
import { type ConsoleLabels, consoleLabels } from '../core/domain/console-labels';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import { MAX_LINK_LENGTH } from '../core/domain/report-submission';
import type { SourceView } from '../core/domain/source-input';
import { fill, shellFormat } from './console-format';
import { doneNotice, problemNotice } from './console-page-parts';
import { type ConsoleShell, csrfField, renderConsolePage } from './console-pages';

export interface SourcesPageView {
  sources: SourceView[];
  problem?: string;
  /** The address given, back in its field after a refusal. */
  url?: string;
  /** A poll was queued just now. */
  pollQueued?: boolean;
}

export function renderSourcesPage(shell: ConsoleShell, view: SourcesPageView): string {
  const words = consoleLabels(shell.session.language, shell.newsletter.name);
  const rows = view.sources.map((source) => sourceRow(shell, words, source)).join('\n');
  const table =
    view.sources.length === 0
      ? `<p>${escapeHtml(words.sourcesNone)}</p>`
      : `<div class="table"><table><thead><tr><th scope="col">${escapeHtml(words.sourcesColumnName)}</th><th scope="col">${escapeHtml(words.sourcesColumnState)}</th><th scope="col">${escapeHtml(words.sourcesColumnLastPoll)}</th><th scope="col">${escapeHtml(words.sourcesColumnReports)}</th><th scope="col">${escapeHtml(words.sourcesColumnActions)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
  const add = `<section aria-labelledby="add-source"><h2 id="add-source">${escapeHtml(words.sourcesAddTitle)}</h2>
<form method="post" action="${sitePaths.consoleSources()}">${csrfField(shell.session)}
<label for="url">${escapeHtml(words.sourcesUrlLabel)}</label>
<input id="url" name="url" type="url" required maxlength="${MAX_LINK_LENGTH}" inputmode="url" value="${escapeHtml(view.url ?? '')}">
<button type="submit">${escapeHtml(words.sourcesAddButton)}</button>
</form></section>`;
  const notice = view.problem
    ? problemNotice(view.problem)
    : view.pollQueued
      ? doneNotice(words.sourcesPollQueued)
      : '';
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleSources() },
    words.sourcesTitle,
    `${notice}${table}${add}`,
  );
}

function sourceRow(shell: ConsoleShell, words: ConsoleLabels, source: SourceView): string {
  const state = escapeHtml(words[`sourcesState_${source.state}` as const]);
  const failures =
    source.consecutiveFailures > 0
      ? `<br><span class="meta">${escapeHtml(fill(words.sourcesFailures, { count: source.consecutiveFailures }))}</span>`
      : '';
  const error = source.lastError ? `<br><span class="meta" dir="auto">${escapeHtml(source.lastError)}</span>` : '';
  const lastPoll = source.lastPoll
    ? `${shellFormat(shell).time(source.lastPoll.at)}<br><span class="meta">${escapeHtml(fill(words.sourcesLastPoll, { created: source.lastPoll.created, items: source.lastPoll.items }))}</span>`
    : escapeHtml(words.sourcesNeverPolled);
  const button = (action: 'pause' | 'resume' | 'poll', label: string) =>
    `<form method="post" action="${escapeHtml(sitePaths.consoleSourceAction(source.id, action))}">${csrfField(shell.session)}<button type="submit" aria-label="${escapeHtml(`${label}: ${source.name}`)}">${escapeHtml(label)}</button></form>`;
  const paused = source.state === 'paused' || source.state === 'disabled';
  const actions = [
    paused ? button('resume', words.sourcesResume) : button('pause', words.sourcesPause),
    paused ? '' : button('poll', words.sourcesPollNow),
  ].join(' ');
  return `<tr><td><span dir="auto">${escapeHtml(source.name)}</span><br><a href="${escapeHtml(source.url)}" rel="noreferrer" class="meta"><bdi dir="ltr">${escapeHtml(source.url)}</bdi></a></td>
<td>${state}${failures}${error}</td><td>${lastPoll}</td><td>${source.reportsCreated}</td><td>${actions}</td></tr>`;
}
