// HTTP edge: the console's first page, /console — what consoleOverview() read (console-overview.ts): readers by
// state and language, their net change over 30 days as an inline SVG chart with its figures also in a table, the
// last editions' outcomes, the bounce and complaint rates beside SES's review lines, the sources that need
// attention and the next scheduled send. Every value through escapeHtml; no script.
import { consoleLabels } from '../core/domain/console-labels';
import { escapeHtml } from '../core/domain/html';
import { sitePaths } from '../core/domain/links';
import type { ConsoleOverview, DayChange } from '../core/use-cases/console-overview';
import { type ConsoleFormat, fill, shellFormat } from './console-format';
import { type ConsoleShell, renderConsolePage } from './console-pages';

type Words = ReturnType<typeof consoleLabels>;

export function renderOverviewPage(shell: ConsoleShell, overview: ConsoleOverview): string {
  const words = consoleLabels(shell.session.language, shell.newsletter.name);
  const format = shellFormat(shell);
  const body = [
    readersSection(overview, words, format),
    netChangeSection(overview, words, format),
    editionsSection(overview, words, format),
    ratesSection(overview, words, format),
    sourcesSection(overview, words),
    nextSendSection(overview, words, format),
  ].join('\n');
  return renderConsolePage(shell, words.overviewTitle, body);
}

function section(id: string, title: string, content: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2>${content}</section>`;
}

/** A table that may be wider than a phone: it scrolls on its own, and a keyboard can reach it to scroll it. */
function scrollingTable(captionId: string, caption: string, head: string[], rows: string[][]): string {
  const headCells = head.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('');
  const bodyRows = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('');
  return `<div class="table" role="region" aria-labelledby="${captionId}" tabindex="0"><table><caption id="${captionId}">${escapeHtml(caption)}</caption><thead><tr>${headCells}</tr></thead><tbody>${bodyRows}</tbody></table></div>`;
}

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
const rowHead = (html: string) => `<th scope="row">${html}</th>`;

function readersSection({ readers }: ConsoleOverview, words: Words, format: ConsoleFormat): string {
  const figures = [
    [words.overviewConfirmed, readers.confirmed],
    [words.overviewPending, readers.pending],
    [words.overviewLeft, readers.left],
    [words.overviewSuppressed, readers.suppressed],
  ] as const;
  const list = `<dl class="figures">${figures
    .map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(format.number(value))}</dd></div>`)
    .join('')}</dl>`;
  const languages = scrollingTable(
    'readers-by-language',
    words.overviewByLanguage,
    [words.overviewLanguage, words.overviewReaders],
    readers.byLanguage.map(({ language, readers: count }) => [
      rowHead(escapeHtml(language === 'none' ? words.overviewLanguageNone : format.languageName(language))),
      cell(format.number(count)),
    ]),
  );
  return section('readers', words.overviewReadersTitle, list + languages);
}

const CHART = { width: 600, height: 160, gap: 4 };

function netChangeSection({ netChange }: ConsoleOverview, words: Words, format: ConsoleFormat): string {
  const { days, net } = netChange;
  const total = (key: 'joined' | 'left') => days.reduce((sum, day) => sum + day[key], 0);
  const summary = fill(words.overviewNetSummary, {
    joined: format.number(total('joined')),
    left: format.number(total('left')),
    net: signed(net, format),
  });
  const label = fill(words.overviewChartLabel, {
    from: format.day(days[0]?.day ?? ''),
    through: format.day(days.at(-1)?.day ?? ''),
  });
  const table = scrollingTable(
    'net-by-day',
    words.overviewChartTable,
    [words.overviewDay, words.overviewJoined, words.overviewDayLeft, words.overviewNet],
    days.map((day) => [
      rowHead(escapeHtml(format.day(day.day))),
      cell(format.number(day.joined)),
      cell(format.number(day.left)),
      cell(signed(day.net, format)),
    ]),
  );
  return section(
    'net-change',
    words.overviewNetTitle,
    `<p>${escapeHtml(summary)}</p><figure class="chart">${netChart(days, label, format)}</figure><details><summary>${escapeHtml(words.overviewChartTable)}</summary>${table}</details>`,
  );
}

/**
 * One bar a day, oldest first from the left (time runs left to right in Arabic charts too, as the dates beneath say),
 * above the zero line for a gain and below it for a loss, each with its day and figure as its title.
 */
function netChart(days: readonly DayChange[], label: string, format: ConsoleFormat): string {
  const { width, height, gap } = CHART;
  const largest = Math.max(1, ...days.map((day) => Math.abs(day.net)));
  const hasLoss = days.some((day) => day.net < 0);
  const zero = hasLoss ? height / 2 : height - 1;
  const room = hasLoss ? height / 2 - 2 : height - 3;
  const step = width / Math.max(1, days.length);
  const bars = days
    .map((day, index) => {
      const length = day.net === 0 ? 0 : Math.max(1, (Math.abs(day.net) / largest) * room);
      const y = day.net >= 0 ? zero - length : zero;
      const kind = day.net >= 0 ? 'gain' : 'loss';
      const title = `${format.day(day.day)}: ${signed(day.net, format)}`;
      return `<rect class="${kind}" x="${(index * step + gap / 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(step - gap).toFixed(1)}" height="${length.toFixed(1)}"><title>${escapeHtml(title)}</title></rect>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="net-chart-title" preserveAspectRatio="none" dir="ltr"><title id="net-chart-title">${escapeHtml(label)}</title><line x1="0" x2="${width}" y1="${zero}" y2="${zero}" class="zero"/>${bars}</svg>`;
}

function signed(value: number, format: ConsoleFormat): string {
  return value > 0 ? `+${format.number(value)}` : format.number(value);
}

function editionsSection({ editions }: ConsoleOverview, words: Words, format: ConsoleFormat): string {
  if (editions.length === 0)
    return section('editions', words.overviewEditionsTitle, `<p>${escapeHtml(words.overviewNoEditions)}</p>`);
  const states = {
    composing: words.overviewStateComposing,
    sending: words.overviewStateSending,
    queued: words.overviewStateQueued,
  };
  const table = scrollingTable(
    'editions-table',
    words.overviewEditionsTitle,
    [
      words.overviewEdition,
      words.overviewOpened,
      words.overviewState,
      words.overviewQueuedReaders,
      words.overviewSent,
      words.overviewFailed,
      words.overviewUnknown,
    ],
    editions.map((edition) => [
      rowHead(
        `<a href="${escapeHtml(sitePaths.consoleEdition(edition.id))}">${escapeHtml(format.number(edition.number))}</a>${edition.subject ? ` <span class="meta">${escapeHtml(edition.subject)}</span>` : ''}`,
      ),
      cell(format.dateTime(edition.openedAt)),
      cell(states[edition.state]),
      cell(format.number(edition.recipients)),
      cell(format.number(edition.counts.sent)),
      cell(format.number(edition.counts.failed)),
      cell(format.number(edition.counts.unknown)),
    ]),
  );
  return section('editions', words.overviewEditionsTitle, table);
}

function ratesSection({ feedback }: ConsoleOverview, words: Words, format: ConsoleFormat): string {
  const row = (label: string, rate: number | undefined, line: number) => {
    const over = rate !== undefined && rate > line;
    const verdict = rate === undefined ? words.overviewNoRate : over ? words.overviewOverLine : words.overviewUnderLine;
    return [
      rowHead(escapeHtml(label)),
      `<td${over ? ' class="over"' : ''}>${escapeHtml(rate === undefined ? '—' : format.percent(rate))}</td>`,
      cell(format.percent(line)),
      `<td${over ? ' class="over"' : ''}>${over ? '<strong>' : ''}${escapeHtml(verdict)}${over ? '</strong>' : ''}</td>`,
    ];
  };
  const table = scrollingTable(
    'rates-table',
    words.overviewRatesTitle,
    ['', words.overviewRate, words.overviewReviewLine, ''],
    [
      row(words.overviewBounceRate, feedback.bounceRate, feedback.reviewRates.bounce),
      row(words.overviewComplaintRate, feedback.complaintRate, feedback.reviewRates.complaint),
    ],
  );
  const counts = fill(words.overviewDelivered, {
    delivered: format.number(feedback.delivered),
    bounced: format.number(feedback.bounced),
    complained: format.number(feedback.complained),
  });
  return section('rates', words.overviewRatesTitle, `${table}<p class="meta">${escapeHtml(counts)}</p>`);
}

function sourcesSection({ sourcesNeedingAttention }: ConsoleOverview, words: Words): string {
  if (sourcesNeedingAttention.length === 0) {
    return section('sources', words.overviewSourcesTitle, `<p>${escapeHtml(words.overviewSourcesNone)}</p>`);
  }
  const items = sourcesNeedingAttention.map((source) => {
    const state =
      source.state === 'disabled'
        ? words.overviewSourceDisabled
        : fill(words.overviewSourceFailing, { failures: String(source.consecutiveFailures) });
    const error = source.lastError ? `<br><span class="meta" dir="auto">${escapeHtml(source.lastError)}</span>` : '';
    return `<li><strong dir="auto">${escapeHtml(source.name)}</strong> — ${escapeHtml(state)}${error}</li>`;
  });
  return section('sources', words.overviewSourcesTitle, `<ul class="attention">${items.join('')}</ul>`);
}

function nextSendSection({ nextSend }: ConsoleOverview, words: Words, format: ConsoleFormat): string {
  const when = nextSend
    ? fill(words.overviewNextSendAt, { when: format.dateTime(nextSend.at), zone: nextSend.timeZone })
    : words.overviewNextSendNone;
  return section(
    'next-send',
    words.overviewNextSendTitle,
    `<p>${escapeHtml(when)}</p><p><a href="${escapeHtml(sitePaths.consoleNext())}">${escapeHtml(words.overviewNextLink)}</a></p>`,
  );
}
