// HTTP edge: the console's readers — one address looked up (state, consent record, the fate of their copies of the
// last editions), a list imported by upload and followed while it runs, and the exports. The address is asked by a
// POST form and shown only in the page's body: never in a URL. Server-rendered, no script.
import { type ConsoleLabels, consoleLabels } from '../core/domain/console-labels';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import type { ConsentRecord, Subscriber } from '../core/domain/subscriber';
import type { ReaderRecord } from '../core/use-cases/console-lists';
import type { ImportProgress } from '../core/use-cases/import-jobs';
import { type ConsoleFormat, shellFormat } from './console-format';
import { problemNotice } from './console-page-parts';
import { type ConsoleShell, csrfField, followControls, renderConsolePage } from './console-pages';

type LabelKey = keyof ConsoleLabels;

function wordsOf(shell: ConsoleShell): ConsoleLabels {
  return consoleLabels(shell.session.language, shell.newsletter.name);
}

/** A word chosen by a value (`subscribersVia_form`…): a value with no word of its own shows as it is. */
function wordFor(words: ConsoleLabels, prefix: string, value: string): string {
  const key = `${prefix}${value}` as LabelKey;
  return key in words ? words[key] : value;
}

const STATE_WORDS: Record<Subscriber['status'], LabelKey> = {
  pending: 'subscribersStatePending',
  confirmed: 'subscribersStateConfirmed',
  unsubscribed: 'subscribersStateUnsubscribed',
  suppressed: 'subscribersStateSuppressed',
};

export interface SubscribersPageView {
  record?: ReaderRecord;
  /** The address asked, given back in its field after a refusal. */
  asked?: string;
  problem?: string;
  importProblem?: string;
}

/** GET /console/subscribers, and the answer to a lookup: the lookup form, its result, the import, the exports. */
export function renderSubscribersPage(shell: ConsoleShell, view: SubscribersPageView = {}): string {
  const words = wordsOf(shell);
  const lookUp = `<section aria-labelledby="look-up"><h2 id="look-up">${escapeHtml(words.subscribersLookUpTitle)}</h2>
${view.problem ? problemNotice(view.problem) : ''}<form method="post" action="${sitePaths.consoleSubscriberLookup()}">${csrfField(shell.session)}
<label for="email">${escapeHtml(words.subscribersEmailLabel)}</label>
<input id="email" name="email" type="email" required autocomplete="off" inputmode="email" maxlength="${MAX_EMAIL_LENGTH}" value="${escapeHtml(view.asked ?? '')}">
<button type="submit">${escapeHtml(words.subscribersLookUpButton)}</button>
</form>${view.record ? readerRecord(words, shellFormat(shell), view.record) : ''}</section>`;
  const importForm = `<section aria-labelledby="import"><h2 id="import">${escapeHtml(words.subscribersImportTitle)}</h2>
${view.importProblem ? problemNotice(view.importProblem) : ''}<form method="post" action="${sitePaths.consoleSubscriberImport()}" enctype="multipart/form-data">${csrfField(shell.session)}
<p class="meta" id="file-help">${escapeHtml(words.subscribersImportHelp)}</p>
<label for="file">${escapeHtml(words.subscribersFileLabel)}</label>
<input id="file" name="file" type="file" required accept=".csv,text/csv" aria-describedby="file-help">
<button type="submit">${escapeHtml(words.subscribersImportButton)}</button>
</form></section>`;
  const exports = `<section aria-labelledby="export"><h2 id="export">${escapeHtml(words.subscribersExportTitle)}</h2>
<ul><li><a href="${sitePaths.consoleSubscribersExport('confirmed')}" download>${escapeHtml(words.subscribersExportConfirmed)}</a></li>
<li><a href="${escapeHtml(sitePaths.consoleSubscribersExport('all'))}" download>${escapeHtml(words.subscribersExportAll)}</a></li></ul></section>`;
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleSubscribers() },
    words.subscribersTitle,
    `${lookUp}${importForm}${exports}`,
  );
}

function readerRecord(words: ConsoleLabels, format: ConsoleFormat, record: ReaderRecord): string {
  const address = `<p><bdi dir="ltr">${escapeHtml(record.email)}</bdi></p>`;
  const { subscriber } = record;
  if (!subscriber) return `${address}<p role="status">${escapeHtml(words.subscribersNotFound)}</p>`;
  const facts: Array<[string, string]> = [
    [words.subscribersState, escapeHtml(words[STATE_WORDS[subscriber.status]])],
    ...(subscriber.language ? [[words.subscribersLanguage, escapeHtml(subscriber.language)] as [string, string]] : []),
  ];
  const consent = consentFacts(words, format, {
    subscribedAt: subscriber.subscribedAt,
    subscribedVia: subscriber.subscribedVia,
    ...(subscriber.confirmedAt ? { confirmedAt: subscriber.confirmedAt } : {}),
    ...(subscriber.confirmedVia ? { confirmedVia: subscriber.confirmedVia } : {}),
  });
  if (subscriber.unsubscribedAt) consent.push([words.subscribersLeft, format.time(subscriber.unsubscribedAt)]);
  if (subscriber.suppressedAt) {
    const why = subscriber.suppressedFor
      ? ` — ${escapeHtml(wordFor(words, 'subscribersSuppressedFor_', subscriber.suppressedFor))}`
      : '';
    consent.push([words.subscribersSuppressedAt, `${format.time(subscriber.suppressedAt)}${why}`]);
  }
  const earlier = (subscriber.earlier ?? [])
    .map((record) => {
      const ended = record.endedAt ? [[words.subscribersEnded, format.time(record.endedAt)] as [string, string]] : [];
      return `<li>${definitions([...consentFacts(words, format, record), ...ended])}</li>`;
    })
    .join('');
  return `${address}${definitions(facts)}
<h3>${escapeHtml(words.subscribersConsentTitle)}</h3>${definitions(consent)}
${earlier ? `<h3>${escapeHtml(words.subscribersEarlierTitle)}</h3><ul>${earlier}</ul>` : ''}
<h3>${escapeHtml(words.subscribersDeliveriesTitle)}</h3>${deliveries(words, format, record)}`;
}

function consentFacts(words: ConsoleLabels, format: ConsoleFormat, record: ConsentRecord): Array<[string, string]> {
  const via = (value: string) => escapeHtml(wordFor(words, 'subscribersVia_', value));
  return [
    [words.subscribersSubscribed, `${format.time(record.subscribedAt)} — ${via(record.subscribedVia)}`],
    ...(record.confirmedAt
      ? [
          [
            words.subscribersConfirmed,
            `${format.time(record.confirmedAt)}${record.confirmedVia ? ` — ${via(record.confirmedVia)}` : ''}`,
          ] as [string, string],
        ]
      : []),
  ];
}

function definitions(facts: Array<[string, string]>): string {
  return `<dl>${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function deliveries(words: ConsoleLabels, format: ConsoleFormat, record: ReaderRecord): string {
  if (record.deliveries.length === 0) return `<p>${escapeHtml(words.subscribersNoEditions)}</p>`;
  const rows = record.deliveries
    .map((delivery) => {
      const outcome = escapeHtml(wordFor(words, 'subscribersOutcome_', delivery.status ?? 'none'));
      const reason = delivery.reason ? ` <span class="meta">(${escapeHtml(delivery.reason)})</span>` : '';
      return `<tr><td>${escapeHtml(String(delivery.number))} — <span dir="auto">${escapeHtml(delivery.subject)}</span></td><td>${outcome}${reason}</td><td>${format.time(delivery.recordedAt ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<div class="table"><table><thead><tr><th scope="col">${escapeHtml(words.subscribersEdition)}</th><th scope="col">${escapeHtml(words.subscribersOutcome)}</th><th scope="col">${escapeHtml(words.subscribersWhen)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

/**
 * GET /console/subscribers/imports/{id}: where the import stands; while it runs, the page asks again by itself
 * (`<meta http-equiv="refresh">`: no script) once the operator asks it to follow the import.
 */
export function renderImportPage(shell: ConsoleShell, progress: ImportProgress, view: { following: boolean }): string {
  const words = wordsOf(shell);
  const follow = followControls(words, {
    path: sitePaths.consoleSubscriberImportProgress(progress.id),
    moving: progress.state === 'queued' || progress.state === 'running',
    following: view.following,
  });
  const figures: Array<[string, string]> = [
    [words.subscribersState, escapeHtml(wordFor(words, 'subscribersImportState_', progress.state))],
    // The list is counted when the worker reads it: until then, no figure rather than a 0.
    [
      words.subscribersImportRows,
      progress.state === 'queued' ? escapeHtml(words.importRowsNotCounted) : String(progress.rows),
    ],
    [words.subscribersImportImported, String(progress.imported)],
    [words.subscribersImportSkipped, String(progress.skipped)],
    [words.subscribersImportRejected, String(progress.rejected)],
    ...(progress.problem !== undefined
      ? [[words.importProblem, escapeHtml(progress.problem)] satisfies [string, string]]
      : []),
  ];
  const rejections =
    progress.firstRejections.length === 0
      ? ''
      : `<h2>${escapeHtml(words.subscribersImportFirstRejections)}</h2><div class="table"><table><thead><tr><th scope="col">${escapeHtml(words.subscribersImportLine)}</th><th scope="col">${escapeHtml(words.subscribersOutcome)}</th></tr></thead><tbody>${progress.firstRejections
          .map((rejection) => `<tr><td>${rejection.line}</td><td>${escapeHtml(rejection.reason)}</td></tr>`)
          .join('')}</tbody></table></div>`;
  const body = `<div role="status">${definitions(figures)}</div>${follow.html}${rejections}
<p><a href="${sitePaths.consoleSubscribers()}">${escapeHtml(words.subscribersTitle)}</a></p>`;
  return renderConsolePage(
    { ...shell, section: sitePaths.consoleSubscribers() },
    words.subscribersImportProgressTitle,
    body,
    follow.head,
  );
}
