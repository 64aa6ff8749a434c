// The `mujaz` command for operators: the admin API from a terminal. Every command is one or a few HTTP calls to
// a running Mujaz (`--api`, default MUJAZ_API_URL or the local dev server), with the admin token from
// MUJAZ_ADMIN_TOKEN — never a flag, so it stays out of shell history and process lists.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { INSTANT_RULE, isInstant } from '../lambdas/core/domain/instant';
import type { Report } from '../lambdas/core/domain/report';
import type { FullTextPolicy } from '../lambdas/core/domain/source';
import type { SourceView } from '../lambdas/core/domain/source-input';
import type { DigestProgress } from '../lambdas/core/use-cases/digest-progress';
import type { DigestPreview } from '../lambdas/core/use-cases/send-digest';

/** What the command touches of the outside world: injected, so that tests run it against the app in process. */
export interface CliEnvironment {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  readFile: (path: string) => Promise<Buffer>;
  writeFile: (path: string, content: string) => Promise<void>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Record<string, string | undefined>;
  /** A live progress bar over `total` readers of a send, or rows of an import (cli-progress in a terminal). */
  progressBar: (total: number, kind?: 'send' | 'import') => ProgressBar;
  sleep: (ms: number) => Promise<void>;
}

export interface ProgressBar {
  /** The counts shown beside the bar: a send's outcomes (DigestProgress['counts']), or an import's. */
  update(done: number, total: number, counts: Record<string, number>): void;
  stop(): void;
}

/** Where an import stands, as GET /subscribers/imports/{id} answers. */
interface ImportProgress {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** 0 while queued: the list is counted when it is checked. */
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  firstRejections: Array<{ line: number; reason: string }>;
  /** Why it failed, when it did. */
  problem?: string;
}

/** How often a followed send, or a followed poll of a source, asks where it stands. */
export const POLL_INTERVAL_MS = 1_000;

/**
 * How long `sources poll` waits for the poll it asked for: the poll function's own timeout. A poll not done by then
 * is stuck behind others, was asked for twice in one minute (the queue keeps one), or no poller runs.
 */
export const SOURCE_POLL_WAIT_MS = 5 * 60_000;

/**
 * The pauses of `sources poll` before each look at the source, SOURCE_POLL_WAIT_MS in all: a second at first (most
 * polls take a few), then twice as long each time up to 10 s, so that a slow poll costs a few dozen requests.
 */
export function* sourcePollWaits(): Generator<number> {
  let waited = 0;
  for (let wait = POLL_INTERVAL_MS; waited < SOURCE_POLL_WAIT_MS; wait = Math.min(wait * 2, 10_000)) {
    const next = Math.min(wait, SOURCE_POLL_WAIT_MS - waited);
    waited += next;
    yield next;
  }
}

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** Media types by file extension for `report add`: the three forms POST /reports takes. */
const REPORT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  json: 'application/json',
};

/** `--full-text`: the policies POST /sources takes. */
const FULL_TEXT_POLICIES: FullTextPolicy[] = ['auto', 'always', 'never'];

class CliFailure extends Error {}

/** Runs the command line; resolves with the exit code (0 when everything asked for was done). */
export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  let failed = false;
  const program = new Command('mujaz')
    .description('Operate a Mujaz newsletter through its admin API.')
    .option('--api <url>', 'base URL of the Mujaz API', io.env.MUJAZ_API_URL ?? DEFAULT_API_URL)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text.trimEnd()), writeErr: (text) => io.stderr(text.trimEnd()) });

  const api = () => apiClient(program.opts<{ api: string }>().api, io);

  const report = program.command('report').description('reports');
  report
    .command('add')
    .description('submit report files: .txt (title line, lede line, paragraphs), .html pages or .json')
    .argument('<files...>')
    .action(async (files: string[]) => {
      for (const file of files) {
        const type = REPORT_TYPES[file.split('.').pop()?.toLowerCase() ?? ''];
        if (!type) {
          io.stderr(`${file}: unknown kind of file (use .txt, .html or .json)`);
          failed = true;
          continue;
        }
        const answer = await api().call('POST', '/reports', await io.readFile(file), type);
        if (answer.ok) {
          const { created, report: stored } = answer.body as { created: boolean; report: Record<string, unknown> };
          io.stdout(`${file}: ${created ? 'stored' : 'already stored'} ${stored.id} (${stored.language})`);
        } else {
          io.stderr(`${file}: ${describeProblem(answer.body)}`);
          failed = true;
        }
      }
    });

  const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;
  const editReport = async (id: string, edit: ReportEditBody) =>
    (await api().expect('PATCH', reportPath(id), JSON.stringify(edit))) as EditedReport;
  report
    .command('hold')
    .description('hold a report out of the editions to come, until `report include` releases it')
    .argument('<id>')
    .action(async (id: string) => {
      io.stdout(describeEditedReport(await editReport(id, { hold: true })));
    });
  report
    .command('include')
    .description('release a held report: it goes into the next edition')
    .argument('<id>')
    .action(async (id: string) => {
      io.stdout(describeEditedReport(await editReport(id, { hold: false })));
    });
  report
    .command('edit')
    .description("correct a report before it goes out: its summary (the machine's is kept) or its place in the edition")
    .argument('<id>')
    .option('--summary <text>', "the summary readers get instead of the machine's (one paragraph a line)")
    .addOption(new Option('--restore', "bring the machine's summary back").conflicts('summary'))
    .option('--priority <n>', 'its place in the edition: higher first (-10 to 10; 0 by default)', integerArgument)
    .action(async (id: string, options: { summary?: string; restore?: boolean; priority?: number }) => {
      const edit: ReportEditBody = {
        ...(options.summary !== undefined ? { summary: options.summary } : {}),
        ...(options.restore ? { summary: null } : {}),
        ...(options.priority !== undefined ? { priority: options.priority } : {}),
      };
      if (Object.keys(edit).length === 0) {
        throw new CliFailure('mujaz: say what to change: --summary <text>, --restore or --priority <n>');
      }
      io.stdout(describeEditedReport(await editReport(id, edit)));
    });

  const subscribers = program.command('subscribers').description('the subscriber list');
  subscribers
    .command('import')
    .description('import a CSV list with the header email,language,confirmed_at, following the import to its end')
    .argument('<file>')
    .option('--no-wait', 'upload the list and print the import id, without following it')
    .action(async (file: string, options: { wait: boolean }) => {
      const upload = await api().expect('POST', '/subscribers/import', await io.readFile(file), 'text/csv');
      const { import: id } = upload as { import: string };
      if (!options.wait) {
        io.stdout(id);
        return;
      }
      io.stdout(`import ${id} queued (GET /subscribers/imports/${id})`);
      const outcome = await followImport(id);
      if (outcome.state === 'failed') {
        // Older servers say no more than that it failed.
        io.stderr(
          `import ${id} failed: ${outcome.problem ?? 'its list could not be read to the end; upload it again'}`,
        );
        failed = true;
      }
      const { imported, skipped, rejected, firstRejections } = outcome;
      io.stdout(`imported ${imported}, skipped ${skipped}, rejected ${rejected}`);
      for (const row of firstRejections) io.stdout(`  line ${row.line}: ${row.reason}`);
      // The API names the first rejected rows only (a list can hold 100,000): say that the rest exist.
      const unlisted = rejected - firstRejections.length;
      if (unlisted > 0)
        io.stdout(`  … and ${unlisted} more rejected row(s) after line ${firstRejections.at(-1)?.line}`);
      if (rejected > 0) failed = true;
    });

  /** Follows an import with a progress bar over its rows (0 until the list is checked) until it is done or failed. */
  const followImport = async (id: string): Promise<ImportProgress> => {
    const path = `/subscribers/imports/${encodeURIComponent(id)}`;
    let progress = (await api().expect('GET', path)) as ImportProgress;
    const bar = io.progressBar(progress.rows, 'import');
    const show = () => {
      const { imported, skipped, rejected } = progress;
      bar.update(imported + skipped + rejected, progress.rows, { imported, skipped, rejected });
    };
    try {
      while (progress.state === 'queued' || progress.state === 'running') {
        show();
        await io.sleep(POLL_INTERVAL_MS);
        progress = (await api().expect('GET', path)) as ImportProgress;
      }
      show();
    } finally {
      bar.stop();
    }
    return progress;
  };
  subscribers
    .command('export')
    .description('write the confirmed readers as CSV')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { out?: string }) => {
      const text = await api().text('GET', '/subscribers.csv');
      if (options.out) await io.writeFile(options.out, text);
      else io.stdout(text.trimEnd());
    });

  program
    .command('send')
    .description('send the next edition to every confirmed reader (or resume the one being sent), following it')
    .option('--test <email>', 'send one copy, marked as a test, to this address only')
    .option('--dry-run', 'send nothing: say what a send would carry and to how many readers')
    .option('--no-wait', 'start the send and return, without following it')
    .option('--from <instant>', 'only reports received after this instant (2026-11-23T09:00:00Z)', instantArgument)
    .option(
      '--until <instant>',
      'only reports received up to this instant (2026-11-23T12:00:00+03:00)',
      instantArgument,
    )
    .action(async (options: { test?: string; dryRun?: boolean; wait: boolean; from?: string; until?: string }) => {
      const period = {
        ...(options.from ? { from: options.from } : {}),
        ...(options.until ? { until: options.until } : {}),
      };
      if (options.dryRun) {
        const preview = (await api().expect(
          'POST',
          '/digests',
          JSON.stringify({ mode: 'preview', ...period }),
        )) as Preview;
        io.stdout(describePreview(preview));
        return;
      }
      if (options.test) {
        const body = JSON.stringify({ mode: 'test', to: options.test, ...period });
        const sent = (await api().expect('POST', '/digests', body)) as { messageId: string };
        io.stdout(`test copy sent (message ${sent.messageId})`);
        return;
      }
      const outcome = (await api().expect('POST', '/digests', JSON.stringify({ mode: 'send', ...period }))) as
        | { status: 'no-reports' }
        | DigestProgress;
      if ('status' in outcome) {
        io.stdout('nothing to send: no report came in since the last edition');
        return;
      }
      io.stdout(`edition ${outcome.id}: ${outcome.reports} report(s); sending (GET /digests/${outcome.id})`);
      if (options.wait && !(await follow(outcome.id))) failed = true;
    });

  program
    .command('retry')
    .description('send an edition again to exactly the readers it could not reach (dead-lettered), following it')
    .argument('<edition>')
    .option('--include-unknown', 'also those whose outcome is unknown: SES may have sent them a copy already')
    .option('--no-wait', 'queue them and return, without following the send')
    .action(async (edition: string, options: { includeUnknown?: boolean; wait: boolean }) => {
      const include = options.includeUnknown ? ['failed', 'unknown'] : ['failed'];
      const path = `/digests/${encodeURIComponent(edition)}/retry`;
      const answer = (await api().expect('POST', path, JSON.stringify({ include }))) as { requeued: number };
      io.stdout(`edition ${edition}: ${answer.requeued} reader(s) queued again (${include.join(' and ')})`);
      if (options.wait && !(await follow(edition))) failed = true;
    });

  program
    .command('status')
    .description('say where the send of an edition stands')
    .argument('<edition>')
    .action(async (edition: string) => {
      const progress = (await api().expect('GET', `/digests/${encodeURIComponent(edition)}`)) as DigestProgress;
      io.stdout(describeProgress(progress));
      if (!settledWell(progress)) failed = true;
    });

  /** Follows the send with a progress bar until done; true when every reader got it or was skipped. */
  const follow = async (edition: string): Promise<boolean> => {
    const path = `/digests/${encodeURIComponent(edition)}`;
    let progress = (await api().expect('GET', path)) as DigestProgress;
    const bar = io.progressBar(progress.counts.recipients);
    try {
      while (progress.state !== 'done') {
        bar.update(settled(progress), progress.counts.recipients, progress.counts);
        await io.sleep(POLL_INTERVAL_MS);
        progress = (await api().expect('GET', path)) as DigestProgress;
      }
      bar.update(settled(progress), progress.counts.recipients, progress.counts);
    } finally {
      bar.stop();
    }
    io.stdout(describeProgress(progress));
    return settledWell(progress);
  };

  program
    .command('preview')
    .description("write the next edition's email (or the one being sent) to an HTML file")
    .requiredOption('--out <file>', 'the HTML file to write')
    .action(async (options: { out: string }) => {
      const preview = (await api().expect('POST', '/digests', JSON.stringify({ mode: 'preview' }))) as Preview;
      await io.writeFile(options.out, preview.html);
      io.stdout(`${describePreview(preview)}\nwritten to ${options.out}`);
    });

  const sources = program.command('sources').description('the feeds that fill the digest by themselves');
  const sourcePath = (id: string) => `/sources/${encodeURIComponent(id)}`;
  // A source's id is base64url: one in 64 starts with "-", which commander would take for an option. The commands
  // that take an id have no option such an id could be (poll's is --no-wait), so an unknown one is the id.
  const sourceCommand = (name: string) => sources.command(name).argument('<id>').allowUnknownOption();
  sources
    .command('add')
    .description('register a feed (RSS, Atom, JSON Feed), or a page that names one; its first poll is queued')
    .argument('<url>')
    .option('--name <name>', "the name its reports carry (default: the feed's title)")
    .option('--language <code>', "the ISO 639 language of its reports (default: each report's, detected)")
    .addOption(
      new Option('--full-text <policy>', "when to fetch an item's page for its whole text (default: auto)").choices(
        FULL_TEXT_POLICIES,
      ),
    )
    .action(async (url: string, options: { name?: string; language?: string; fullText?: string }) => {
      const body = JSON.stringify({
        url,
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.language === undefined ? {} : { language: options.language }),
        ...(options.fullText === undefined ? {} : { fullText: options.fullText }),
      });
      const source = (await api().expect('POST', '/sources', body)) as SourceView;
      io.stdout(`source ${source.id} registered: ${source.name} (${source.url}); its first poll is queued`);
    });
  sources
    .command('list')
    .description('every source: its state, its last poll, and why the failing ones fail')
    .action(async () => {
      const { sources: all } = (await api().expect('GET', '/sources')) as { sources: SourceView[] };
      if (all.length === 0) {
        io.stdout('no source registered (`mujaz sources add <url>` adds one)');
        return;
      }
      for (const source of all) io.stdout(describeSource(source));
      const troubled = all.filter(needsAttention);
      if (troubled.length === 0) {
        io.stdout(`${all.length} source(s)`);
        return;
      }
      io.stdout(
        `${all.length} source(s); ${troubled.length} failing or disabled (marked !): see the last error of each`,
      );
      failed = true;
    });
  sourceCommand('show')
    .description('one source, as the API shows it (JSON)')
    .action(async (id: string) => {
      io.stdout(JSON.stringify(await api().expect('GET', sourcePath(id)), null, 2));
    });
  sourceCommand('pause')
    .description('stop polling a source until it is resumed')
    .action(async (id: string) => {
      const source = (await api().expect('PATCH', sourcePath(id), JSON.stringify({ state: 'paused' }))) as SourceView;
      io.stdout(`source ${source.id} paused: ${source.name}`);
    });
  sourceCommand('resume')
    .description('poll a paused, failing or disabled source again, from now, its failures forgotten')
    .action(async (id: string) => {
      const source = (await api().expect('PATCH', sourcePath(id), JSON.stringify({ state: 'active' }))) as SourceView;
      io.stdout(`source ${source.id} ${source.state}: ${source.name}; next poll ${source.nextPollAt ?? 'none'}`);
    });
  sourceCommand('rename')
    .description('change the name its reports carry from now on')
    .argument('<name>')
    .action(async (id: string, name: string) => {
      const source = (await api().expect('PATCH', sourcePath(id), JSON.stringify({ name }))) as SourceView;
      io.stdout(`source ${source.id} renamed: ${source.name}`);
    });
  sourceCommand('poll')
    .description('poll a source now, as a scheduled poll runs, and say what it did')
    .option('--no-wait', 'queue the poll and return, without waiting for it')
    .action(async (id: string, options: { wait: boolean }) => {
      const path = sourcePath(id);
      const before = (await api().expect('GET', path)) as SourceView;
      await api().expect('POST', `${path}/poll`);
      if (!options.wait) {
        io.stdout(`source ${before.id}: poll queued (\`mujaz sources show ${before.id}\` shows it once done)`);
        return;
      }
      for (const wait of sourcePollWaits()) {
        await io.sleep(wait);
        const source = (await api().expect('GET', path)) as SourceView;
        if (source.lastPolledAt !== before.lastPolledAt) {
          io.stdout(describeSource(source));
          if (source.lastPoll?.status === 'failed') failed = true;
          return;
        }
      }
      io.stderr(
        `source ${before.id}: not polled after ${SOURCE_POLL_WAIT_MS / 60_000} minutes; the poll may still run (\`mujaz sources show ${before.id}\`)`,
      );
      failed = true;
    });
  sourceCommand('remove')
    .description('delete a source: it is polled no more; the reports it brought stay')
    .action(async (id: string) => {
      await api().expect('DELETE', sourcePath(id));
      io.stdout(`source ${id} removed; the reports it brought stay`);
    });

  try {
    await program.parseAsync(['node', 'mujaz', ...argv]);
    return failed ? 1 : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr(error instanceof CliFailure ? error.message : `mujaz: ${describeFailure(error)}`);
    return 1;
  }
}

/** An instant flag, checked by the API's own rule before anything is sent: a usage error names the flag. */
function instantArgument(value: string): string {
  if (!isInstant(value)) throw new InvalidArgumentError(`It ${INSTANT_RULE}.`);
  return value;
}

/** An integer flag (`--priority -3`), checked before anything is sent; its range is the API's to check. */
function integerArgument(value: string): number {
  if (!/^[+-]?\d{1,9}$/u.test(value)) throw new InvalidArgumentError('It must be a whole number.');
  return Number(value);
}

/** What PATCH /reports/{id} takes. */
interface ReportEditBody {
  hold?: boolean;
  priority?: number;
  summary?: string | null;
}

/** The report as PATCH /reports/{id} answers it: what the edit commands say of it. */
type EditedReport = Pick<Report, 'id' | 'title' | 'held' | 'priority' | 'editedSummary'>;

function describeEditedReport(report: EditedReport): string {
  const waits = report.held ? 'held (`mujaz report include` releases it)' : 'goes into the next edition';
  const summary = report.editedSummary === undefined ? "the machine's summary" : "the editor's summary";
  return `report ${report.id} ${waits}, priority ${report.priority ?? 0}, ${summary}: ${report.title}`;
}

/** The preview as the API answers it (the core's DigestPreview, as JSON). */
type Preview = Pick<
  DigestPreview,
  'edition' | 'reports' | 'featured' | 'headlines' | 'recipients' | 'subject' | 'html'
>;

function describePreview(preview: Preview): string {
  const which = preview.edition ? `edition ${preview.edition} (being sent)` : 'the next edition';
  return `${which}: "${preview.subject}", ${preview.reports} report(s) (${preview.featured} in full, ${preview.headlines} as headlines), ${preview.recipients} reader(s)`;
}

function settled({ counts }: DigestProgress): number {
  return counts.sent + counts.failed + counts.unknown + counts.skipped;
}

/** Done with nobody dead-lettered and no outcome unknown: nothing for the operator to look at. */
function settledWell(progress: DigestProgress): boolean {
  return progress.state === 'done' && progress.counts.failed === 0 && progress.counts.unknown === 0;
}

function describeProgress({ id, state, counts }: DigestProgress): string {
  const line = `edition ${id} ${state}: ${counts.recipients} reader(s); sent ${counts.sent}, pending ${counts.pending}, failed ${counts.failed}, unknown ${counts.unknown}, skipped ${counts.skipped}`;
  const advice: string[] = [];
  if (counts.failed > 0) advice.push(`\`mujaz retry ${id}\` sends the failed ones again`);
  if (counts.unknown > 0) advice.push('unknown: SES may or may not have sent them (see `--include-unknown`)');
  return advice.length > 0 ? `${line}\n${advice.join('; ')}` : line;
}

/** A source that polls no more, or whose polls keep failing: what an operator has to look at. */
function needsAttention(source: SourceView): boolean {
  return source.state === 'failing' || source.state === 'disabled';
}

/**
 * One line per source (id, state, name, feed, last poll); a failing or disabled one is marked `!` with its state in
 * capitals, and any source whose last poll failed has its error on the next line.
 */
function describeSource(source: SourceView): string {
  const marked = needsAttention(source);
  const state = (marked ? source.state.toUpperCase() : source.state).padEnd(8);
  const line = `${marked ? '!' : ' '} ${source.id}  ${state}  ${source.name}  ${source.url}  ${describeLastPoll(source)}`;
  return source.lastError === undefined ? line : `${line}\n    last error: ${source.lastError}`;
}

function describeLastPoll({ lastPoll, nextPollAt, consecutiveFailures, reportsCreated }: SourceView): string {
  if (!lastPoll) return nextPollAt ? `not polled yet (due ${nextPollAt})` : 'not polled yet';
  const outcome =
    lastPoll.status === 'failed'
      ? `failed (${consecutiveFailures} in a row)`
      : lastPoll.status === 'not-modified'
        ? 'not modified'
        : `${lastPoll.items} item(s): ${lastPoll.created} new, ${lastPoll.duplicates} seen before, ${lastPoll.skipped} skipped`;
  return `last poll ${lastPoll.at}: ${outcome}; ${reportsCreated} report(s) in all`;
}

function describeProblem(body: unknown): string {
  const error = (
    body as { error?: { code?: string; message?: string; reason?: string; id?: string; edition?: string } } | undefined
  )?.error;
  if (!error) return 'the API answered with an error';
  const problem = `${error.code ?? 'error'}${error.reason ? ` (${error.reason})` : ''}: ${error.message ?? ''}`.trim();
  // A conflict names what exists already, or the edition that took a report: the operator's next command needs it.
  if (error.edition) return `${problem} (edition ${error.edition})`;
  return error.id ? `${problem} (id ${error.id})` : problem;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return `no such file: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function apiClient(baseUrl: string, io: CliEnvironment) {
  const token = io.env.MUJAZ_ADMIN_TOKEN;
  if (!token) throw new CliFailure('mujaz: set MUJAZ_ADMIN_TOKEN to the admin token of the API');
  const base = baseUrl.replace(/\/+$/u, '');
  const call = async (method: string, path: string, body?: Buffer | string, type = 'application/json') => {
    let response: Response;
    try {
      response = await io.fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
      });
    } catch {
      throw new CliFailure(`mujaz: the API at ${base} did not answer (is it running? see --api)`);
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { ok: response.ok, status: response.status, body: parsed, text };
  };
  return {
    call,
    /** The JSON answer of a call that must succeed; an error answer ends the command. */
    expect: async (method: string, path: string, body?: Buffer | string, type?: string): Promise<unknown> => {
      const answer = await call(method, path, body, type);
      if (!answer.ok) throw new CliFailure(`mujaz: ${describeProblem(answer.body)}`);
      return answer.body;
    },
    text: async (method: string, path: string): Promise<string> => {
      const answer = await call(method, path);
      if (!answer.ok) throw new CliFailure(`mujaz: ${describeProblem(answer.body)}`);
      return answer.text;
    },
  };
}
