// HTTP edge: the console's activity log — every change an operator made, from the console or with the API token:
// who, when, what, newest first, a page at a time. An entry names ids, titles and counts; nothing of a reader.
import type { ActivityEntry, ActivityPage } from '../core/domain/activity';
import { type ConsoleLabels, consoleLabels } from '../core/domain/console-labels';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import { actorHtml, TABLE_STYLE } from './console-editions-pages';
import { fill, shellFormat } from './console-format';
import { type ConsoleShell, renderConsolePage } from './console-pages';

/** What an entry's change was, in the operator's words (plain text: the caller escapes it). */
export function describeActivity(entry: ActivityEntry, words: ConsoleLabels): string {
  const target = entry.target.title ?? entry.target.id;
  const detail = entry.detail ?? {};
  switch (entry.action) {
    case 'send':
      return fill(words.activitySend, { target: entry.target.id });
    case 'retry': {
      const include = (detail.include ?? [])
        .map((outcome) => (outcome === 'unknown' ? words.activityIncludeUnknown : words.activityIncludeFailed))
        .join(' + ');
      return fill(words.activityRetry, { target: entry.target.id, include, count: detail.requeued ?? 0 });
    }
    case 'report-edit': {
      const parts = [
        detail.held === true ? fill(words.activityReportHeld, { target }) : '',
        detail.held === false ? fill(words.activityReportIncluded, { target }) : '',
        detail.priority !== undefined ? fill(words.activityReportPriority, { target, priority: detail.priority }) : '',
        detail.summary === 'edited' ? fill(words.activityReportSummaryEdited, { target }) : '',
        detail.summary === 'restored' ? fill(words.activityReportSummaryRestored, { target }) : '',
      ].filter((part) => part !== '');
      return parts.length > 0 ? parts.join(' · ') : fill(words.activityReportEdited, { target });
    }
    case 'import':
      // Entries from before imports were counted by their worker carry the rows; later ones are counted on the
      // import's page.
      return detail.rows === undefined
        ? words.importActivityStarted
        : fill(words.activityImport, { count: detail.rows });
    case 'source-add':
      return fill(words.activitySourceAdd, { target });
    case 'source-edit': {
      const parts = [
        detail.state === 'paused' ? fill(words.activitySourcePaused, { target }) : '',
        detail.state === 'active' ? fill(words.activitySourceResumed, { target }) : '',
        detail.renamed ? fill(words.activitySourceRenamed, { target }) : '',
      ].filter((part) => part !== '');
      return parts.length > 0 ? parts.join(' · ') : fill(words.activitySourceEdited, { target });
    }
    case 'source-delete':
      return fill(words.activitySourceDelete, { target });
    case 'source-poll':
      return fill(words.activitySourcePoll, { target });
  }
}

/** GET /console/activity: a page of the log, and links to the newest and the older changes. */
export function renderActivityPage(shell: ConsoleShell, page: ActivityPage, isFirstPage: boolean): string {
  const language = shell.session.language;
  const words = consoleLabels(language, shell.newsletter.name);
  const rows = page.entries
    .map((entry) => {
      const what = escapeHtml(describeActivity(entry, words));
      const linked =
        entry.target.kind === 'edition'
          ? `<a href="${escapeHtml(sitePaths.consoleEdition(entry.target.id))}">${what}</a>`
          : what;
      return `<tr><td>${shellFormat(shell).time(entry.at)}</td><td>${actorHtml(entry.actor, words)}</td><td>${linked}</td></tr>`;
    })
    .join('\n');
  const table =
    page.entries.length === 0
      ? `<p>${escapeHtml(words.activityEmpty)}</p>`
      : `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(words.activityTitle)}"><table>
<thead><tr><th scope="col">${escapeHtml(words.activityColumnWhen)}</th><th scope="col">${escapeHtml(words.activityColumnWho)}</th><th scope="col">${escapeHtml(words.activityColumnWhat)}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  const pager = [
    isFirstPage
      ? ''
      : `<a href="${escapeHtml(sitePaths.consoleActivity())}" rel="first">${escapeHtml(words.activityNewest)}</a>`,
    page.next === undefined
      ? ''
      : `<a href="${escapeHtml(`${sitePaths.consoleActivity()}?before=${encodeURIComponent(page.next)}`)}" rel="next">${escapeHtml(words.activityOlder)}</a>`,
  ].join('');
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleActivity() },
    words.activityTitle,
    `<p>${escapeHtml(words.activityIntro)}</p>${table}${pager ? `<nav class="pager" aria-label="${escapeHtml(words.activityTitle)}">${pager}</nav>` : ''}`,
    { style: TABLE_STYLE },
  );
}
