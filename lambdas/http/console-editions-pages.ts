// HTTP edge: the console's editions — the list (state and counts, newest first) and one edition: its counts as
// GET /digests/{id} gives them, who started it and when, its archive page, and the forms that send it again to the
// failed (and, accepting a second copy, the unknown). While an edition sends, its page reloads itself every few
// seconds without script (`<meta http-equiv="refresh">`) once the operator asks it to follow the send.
import type { Actor } from '../core/domain/activity';
import type { ConsoleLabels } from '../core/domain/console-labels';
import { consoleLabels } from '../core/domain/console-labels';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import type { DigestProgress, DigestState, EditionSummary } from '../core/use-cases/digest-progress';
import { type ConsoleFormat, fill, shellFormat } from './console-format';
import { type ConsoleShell, csrfField, followControls, renderConsolePage } from './console-pages';

/** Tables scroll sideways inside their own box at 390 px, rather than widening the page. */
export const TABLE_STYLE = [
  '.table-wrap{overflow-x:auto}',
  'table{border-collapse:collapse;width:100%;font-size:15px}',
  'th,td{text-align:start;padding:8px;border-bottom:1px solid #d9e2ec;vertical-align:top}',
  'td.number,th.number{text-align:end;font-variant-numeric:tabular-nums}',
  '.pager{display:flex;gap:16px;margin-top:16px}',
  '.state{font-weight:bold}',
  '.notice{background:#e3f8e6;border-inline-start:4px solid #1f7a3a;padding:8px 12px}',
  '.warning{background:#fff4e0;border-inline-start:4px solid #8a5300;padding:8px 12px}',
  'dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.facts dd{margin:0}',
  'form.retry{margin:8px 0 24px}',
].join('');

/** Who made a change, escaped: an operator's address reads left to right as one piece. */
export function actorHtml(actor: Actor | undefined, words: ConsoleLabels): string {
  if (!actor) return escapeHtml(words.editionsByUnknown);
  switch (actor.kind) {
    case 'operator':
      return `<bdi dir="ltr">${escapeHtml(actor.email)}</bdi>`;
    case 'api':
      return escapeHtml(words.editionsByApi);
    case 'schedule':
      return escapeHtml(words.editionsBySchedule);
  }
}

function stateLabel(state: DigestState, words: ConsoleLabels): string {
  switch (state) {
    case 'composing':
      return words.editionsStateComposing;
    case 'sending':
      return words.editionsStateSending;
    case 'done':
      return words.editionsStateDone;
  }
}

function editionTitle(id: string, words: ConsoleLabels): string {
  return fill(words.editionsEditionTitle, { number: id });
}

/** GET /console/editions: a page of editions, newest first, and a link to the older ones. */
export function renderEditionsPage(
  shell: ConsoleShell,
  page: { editions: EditionSummary[]; before?: number },
  isFirstPage: boolean,
): string {
  const language = shell.session.language;
  const words = consoleLabels(language, shell.newsletter.name);
  const number = (value: number) => `<td class="number">${value}</td>`;
  const rows = page.editions
    .map(
      (edition) => `<tr>
<td><a href="${escapeHtml(sitePaths.consoleEdition(edition.id))}">${escapeHtml(editionTitle(edition.id, words))}</a>${
        edition.subject ? `<br><span class="meta" dir="auto">${escapeHtml(edition.subject)}</span>` : ''
      }</td>
<td class="state">${escapeHtml(stateLabel(edition.state, words))}</td>
<td>${shellFormat(shell).time(edition.openedAt)}</td>
<td>${actorHtml(edition.startedBy, words)}</td>
${number(edition.counts.recipients)}${number(edition.counts.sent)}${number(edition.counts.failed)}${number(edition.counts.unknown)}${number(edition.counts.pending)}
</tr>`,
    )
    .join('\n');
  const head = [
    words.editionsColumnEdition,
    words.editionsColumnState,
    words.editionsColumnOpened,
    words.editionsColumnStartedBy,
  ]
    .map((label) => `<th scope="col">${escapeHtml(label)}</th>`)
    .join('');
  const numberHead = [
    words.editionsColumnRecipients,
    words.editionsColumnSent,
    words.editionsColumnFailed,
    words.editionsColumnUnknown,
    words.editionsColumnPending,
  ]
    .map((label) => `<th scope="col" class="number">${escapeHtml(label)}</th>`)
    .join('');
  const table =
    page.editions.length === 0
      ? `<p>${escapeHtml(words.editionsEmpty)}</p>`
      : `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(words.editionsTitle)}"><table>
<thead><tr>${head}${numberHead}</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  const pager = [
    isFirstPage
      ? ''
      : `<a href="${escapeHtml(sitePaths.consoleEditions())}" rel="first">${escapeHtml(words.editionsNewest)}</a>`,
    page.before === undefined
      ? ''
      : `<a href="${escapeHtml(`${sitePaths.consoleEditions()}?before=${page.before}`)}" rel="next">${escapeHtml(words.editionsOlder)}</a>`,
  ].join('');
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleEditions() },
    words.editionsTitle,
    `${table}${pager ? `<nav class="pager" aria-label="${escapeHtml(words.editionsTitle)}">${pager}</nav>` : ''}`,
    { style: TABLE_STYLE },
  );
}

/**
 * GET /console/editions/{id}: the edition's state and counts, who started it and when, its last retry, its archive
 * page, and the retry forms — `include=failed`, and `include=failed,unknown` with what a second copy means.
 * `requeued` is the count a retry just queued (the redirect after the POST says it); `following`, that the operator
 * asked the page to reload itself until the edition is done.
 */
export function renderEditionPage(
  shell: ConsoleShell,
  progress: DigestProgress,
  view: { requeued?: number; following: boolean },
): string {
  const { requeued } = view;
  const language = shell.session.language;
  const words = consoleLabels(language, shell.newsletter.name);
  const { counts } = progress;
  const notice =
    requeued === undefined
      ? ''
      : `<p class="notice" role="status">${escapeHtml(fill(words.editionsRetryQueued, { count: requeued }))}</p>`;
  const follow = followControls(words, {
    path: sitePaths.consoleEdition(progress.id),
    moving: progress.state !== 'done',
    following: view.following,
  });
  const facts = `<dl class="facts">
<dt>${escapeHtml(words.editionsColumnState)}</dt><dd class="state">${escapeHtml(stateLabel(progress.state, words))}</dd>
<dt>${escapeHtml(words.editionsOpenedAt)}</dt><dd>${shellFormat(shell).time(progress.openedAt)}</dd>
<dt>${escapeHtml(words.editionsStartedBy)}</dt><dd>${actorHtml(progress.startedBy, words)}</dd>
<dt>${escapeHtml(words.editionsReports)}</dt><dd>${progress.reports}</dd>
</dl>`;
  const countRows = (
    [
      [words.editionsColumnRecipients, counts.recipients],
      [words.editionsColumnSent, counts.sent],
      [words.editionsColumnFailed, counts.failed],
      [words.editionsColumnUnknown, counts.unknown],
      [words.editionsColumnPending, counts.pending],
    ] as const
  )
    .map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td class="number">${value}</td></tr>`)
    .join('');
  const countsTable = `<h2>${escapeHtml(words.editionsCountsTitle)}</h2><div class="table-wrap"><table>${countRows}</table></div>`;
  const lastRetry = progress.lastRetry
    ? `<p class="meta">${lastRetryHtml(progress.lastRetry, shellFormat(shell), words)}</p>`
    : '';
  const archive =
    progress.state === 'composing'
      ? ''
      : `<p><a href="${escapeHtml(sitePaths.edition(progress.id))}">${escapeHtml(words.editionsArchiveLink)}</a></p>`;
  const back = `<p><a href="${escapeHtml(sitePaths.consoleEditions())}">${escapeHtml(words.editionsBackToList)}</a></p>`;
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleEditions() },
    editionTitle(progress.id, words),
    `${notice}${follow.html}${facts}${archive}${countsTable}${retrySection(shell, progress, words)}${lastRetry}${back}`,
    { style: TABLE_STYLE, ...follow.head },
  );
}

function retrySection(shell: ConsoleShell, progress: DigestProgress, words: ConsoleLabels): string {
  const title = `<h2>${escapeHtml(words.editionsRetryTitle)}</h2>`;
  if (progress.state === 'composing') return `${title}<p>${escapeHtml(words.editionsRetryNotYet)}</p>`;
  const { failed, unknown } = progress.counts;
  if (failed === 0 && unknown === 0) return `${title}<p>${escapeHtml(words.editionsRetryNothing)}</p>`;
  const action = escapeHtml(sitePaths.consoleEditionRetry(progress.id));
  const form = (include: string, label: string) =>
    `<form class="retry" method="post" action="${action}">${csrfField(shell.session)}<input type="hidden" name="include" value="${include}"><button type="submit">${escapeHtml(label)}</button></form>`;
  const failedPart =
    failed > 0
      ? `<p>${escapeHtml(words.editionsRetryFailedIntro)}</p>${form('failed', fill(words.editionsRetryFailedButton, { count: failed }))}`
      : '';
  const unknownPart =
    unknown > 0
      ? `<p class="warning">${escapeHtml(words.editionsRetryUnknownIntro)}</p>${form('failed,unknown', fill(words.editionsRetryUnknownButton, { count: failed + unknown }))}`
      : '';
  return `${title}${failedPart}${unknownPart}`;
}

function lastRetryHtml(
  retry: NonNullable<DigestProgress['lastRetry']>,
  format: ConsoleFormat,
  words: ConsoleLabels,
): string {
  const include = retry.include
    .map((outcome) => (outcome === 'failed' ? words.activityIncludeFailed : words.activityIncludeUnknown))
    .join(' + ');
  // Filled around markers, so that the time and the actor keep their own elements inside the escaped sentence.
  const sentence = escapeHtml(
    fill(words.editionsLastRetry, { at: '\u0000at\u0000', by: '\u0000by\u0000', include, count: retry.requeued }),
  );
  return sentence
    .replace('\u0000at\u0000', format.time(retry.at))
    .replace('\u0000by\u0000', actorHtml(retry.by, words));
}

/** An id no edition has: the console's own 404 page. */
export function renderEditionNotFoundPage(shell: ConsoleShell): string {
  const words = consoleLabels(shell.session.language, shell.newsletter.name);
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleEditions() },
    words.editionsNotFoundTitle,
    `<p>${escapeHtml(words.editionsNotFoundBody)}</p><p><a href="${escapeHtml(sitePaths.consoleEditions())}">${escapeHtml(words.editionsBackToList)}</a></p>`,
  );
}
