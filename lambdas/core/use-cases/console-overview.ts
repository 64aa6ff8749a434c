// Core use case: the console's first page — readers by state and language, their net change over 30 days, the last
// editions' outcomes, the bounce and complaint rates beside SES's review lines, the sources that need attention and
// the next scheduled send. Every figure comes from a counter kept beside its write or a bounded read: at most five
// requests to the table whatever the size of the list (test/integration/console-overview.test.ts counts them).
import { type DayCounts, dayOf, hourOf } from '../domain/console-counts';
import { nextScheduledSend, type ScheduledSend } from '../domain/digest-schedule';
import type { SourceState } from '../domain/source';
import type { Clock } from '../ports/clock';
import type { ConsoleCounts, EditionOutcomes } from '../ports/console-counts';
import type { SourceRepository } from '../ports/source-repository';

/** Days the net change and the rates look back over, today included. */
export const OVERVIEW_DAYS = 30;
/** Editions the overview lists. */
export const OVERVIEW_EDITIONS = 5;
/**
 * SES puts an account under review at a bounce rate of 5 % and a complaint rate of 0.1 %
 * (docs.aws.amazon.com/ses/latest/dg/faqs-enforcement.html); the console draws the rates beside these lines.
 */
export const SES_REVIEW_RATES = { bounce: 0.05, complaint: 0.001 } as const;

export interface ConsoleOverviewDeps {
  counts: ConsoleCounts;
  sources: Pick<SourceRepository, 'list'>;
  clock: Clock;
}

export interface ConsoleOverviewSettings {
  timeZone: string;
  /** The digest's cron expression (`mujaz:digestSchedule`); absent where nothing sends on a schedule (locally). */
  digestSchedule?: string;
}

export interface ReaderFigures {
  confirmed: number;
  /** Pending readers whose confirmation link still works. */
  pending: number;
  left: number;
  suppressed: number;
  /** Confirmed readers by language (`none`: never chose one), largest first. */
  byLanguage: Array<{ language: string; readers: number }>;
}

export interface DayChange {
  day: string;
  joined: number;
  left: number;
  net: number;
}

export interface FeedbackFigures {
  delivered: number;
  bounced: number;
  complained: number;
  /** Bounces and complaints per copy delivered over the days; undefined when none was delivered. */
  bounceRate?: number;
  complaintRate?: number;
  reviewRates: typeof SES_REVIEW_RATES;
}

export interface SourceAttention {
  id: string;
  name: string;
  state: Extract<SourceState, 'failing' | 'disabled'>;
  consecutiveFailures: number;
  lastError?: string;
}

export interface ConsoleOverview {
  /** When the figures were read (ISO). */
  at: string;
  /** The newsletter's time zone, which the page's dates are shown in. */
  timeZone: string;
  readers: ReaderFigures;
  /** One entry per day of the last OVERVIEW_DAYS (UTC days), oldest first, and their sum. */
  netChange: { days: DayChange[]; net: number };
  editions: EditionOutcomes[];
  feedback: FeedbackFigures;
  sourcesNeedingAttention: SourceAttention[];
  nextSend?: ScheduledSend;
}

export async function consoleOverview(
  deps: ConsoleOverviewDeps,
  settings: ConsoleOverviewSettings,
): Promise<ConsoleOverview> {
  const now = deps.clock.now();
  const days = Array.from({ length: OVERVIEW_DAYS }, (_, index) =>
    dayOf(new Date(now.getTime() - (OVERVIEW_DAYS - 1 - index) * 86_400_000)),
  );
  const [counts, editions, sources] = await Promise.all([
    deps.counts.read({ fromDay: days[0] ?? dayOf(now), throughDay: dayOf(now), pendingFromHour: hourOf(now) }),
    deps.counts.recentEditions(OVERVIEW_EDITIONS),
    deps.sources.list(),
  ]);
  const dayCounts = (day: string): DayCounts => ({
    joined: 0,
    left: 0,
    delivered: 0,
    bounced: 0,
    complained: 0,
    ...counts.days[day],
  });
  const netDays = days.map((day) => {
    const { joined, left } = dayCounts(day);
    return { day, joined, left, net: joined - left };
  });
  const sum = (event: keyof DayCounts) => days.reduce((total, day) => total + dayCounts(day)[event], 0);
  const delivered = sum('delivered');
  const bounced = sum('bounced');
  const complained = sum('complained');
  const byLanguage = Object.entries(counts.totals)
    .filter(([name, readers]) => name.startsWith('language:') && readers !== 0)
    .map(([name, readers]) => ({ language: name.slice('language:'.length), readers: readers ?? 0 }))
    .sort((a, b) => b.readers - a.readers || a.language.localeCompare(b.language));
  const nextSend =
    settings.digestSchedule === undefined
      ? undefined
      : nextScheduledSend(settings.digestSchedule, settings.timeZone, now);
  return {
    at: now.toISOString(),
    timeZone: settings.timeZone,
    readers: {
      confirmed: counts.totals.confirmed ?? 0,
      // The hour now running is read too: its readers expire within it, not before now.
      pending: Object.values(counts.pendingUntil).reduce((total, pending) => total + pending, 0),
      left: counts.totals.left ?? 0,
      suppressed: counts.totals.suppressed ?? 0,
      byLanguage,
    },
    netChange: { days: netDays, net: netDays.reduce((total, day) => total + day.net, 0) },
    editions,
    feedback: {
      delivered,
      bounced,
      complained,
      ...(delivered > 0 ? { bounceRate: bounced / delivered, complaintRate: complained / delivered } : {}),
      reviewRates: SES_REVIEW_RATES,
    },
    sourcesNeedingAttention: sources.flatMap((source): SourceAttention[] =>
      source.state === 'failing' || source.state === 'disabled'
        ? [
            {
              id: source.id,
              name: source.name,
              state: source.state,
              consecutiveFailures: source.consecutiveFailures,
              ...(source.lastError !== undefined ? { lastError: source.lastError } : {}),
            },
          ]
        : [],
    ),
    ...(nextSend !== undefined ? { nextSend } : {}),
  };
}
