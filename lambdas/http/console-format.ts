// HTTP edge: how the console writes numbers and times — in the page's language, every time on every console page
// in the newsletter's time zone (MUJAZ_TIME_ZONE, the zone its emails and the overview's next send are in), the zone
// named beside it. The one place the console formats a time.
// Arabic pages use Latin digits (`ar-u-nu-latn`), as the newsletter's own emails do (digest.ts, DATE_LOCALES): what
// most Arabic news sites print, the same digits an editor sees in the email they are about to send, and
// unambiguous beside the Latin addresses, ids and percentages of the same page.
import { DATE_LOCALES } from '../core/domain/digest';
import { escapeHtml } from '../core/domain/html';
import type { NewsletterLanguage } from '../core/domain/newsletter-languages';

export interface ConsoleFormat {
  number(value: number): string;
  /** A rate as a percentage, to two decimals (0.1 % is a line the console draws). */
  percent(value: number): string;
  /** A date and time in the zone, the zone named (`8 Dec 2026, 00:30 GMT+3`); text, for the caller to escape. */
  dateTime(isoInstant: string): string;
  /** The same as `<time datetime>` HTML, escaped; empty for no instant. */
  time(isoInstant: string | undefined | null): string;
  /** A UTC day (`2026-12-07`) as a short date. */
  day(utcDay: string): string;
  /** A language's name (`ar` → Arabic), or the code itself where the page's language names none. */
  languageName(code: string): string;
}

/** Intl's formatters are slow to make and quick to use: one set per language and zone, kept. */
const formats = new Map<string, ConsoleFormat>();

export function consoleFormat(language: NewsletterLanguage, timeZone: string): ConsoleFormat {
  const key = `${language} ${timeZone}`;
  const known = formats.get(key);
  if (known) return known;
  const locale = DATE_LOCALES[language];
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const dateTimes = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    // The zone as its offset in the page's language (`GMT+3`, `غرينتش+3`; `UTC` for UTC).
    timeZoneName: 'short',
  });
  const days = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const names = new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' });
  const dateTime = (isoInstant: string) => {
    const date = new Date(isoInstant);
    return Number.isNaN(date.getTime()) ? isoInstant : dateTimes.format(date);
  };
  const format: ConsoleFormat = {
    number: (value) => numbers.format(value),
    percent: (value) => percents.format(value),
    dateTime,
    time: (isoInstant) =>
      isoInstant ? `<time datetime="${escapeHtml(isoInstant)}">${escapeHtml(dateTime(isoInstant))}</time>` : '',
    day: (utcDay) => days.format(new Date(`${utcDay}T00:00:00Z`)),
    languageName: (code) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
  formats.set(key, format);
  return format;
}

/** The zone the console shows times in: an app given the console without it is built wrong, and says so at once. */
export function consoleTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined) throw new Error('The console needs the newsletter’s time zone (config.timeZone).');
  return timeZone;
}

/** The format of a signed-in page: the operator's language, the newsletter's zone. */
export function shellFormat(shell: { session: { language: NewsletterLanguage }; timeZone: string }): ConsoleFormat {
  return consoleFormat(shell.session.language, shell.timeZone);
}

/** A sentence with `{name}` slots filled (the console's one filler): the caller escapes the whole. */
export function fill(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{(\w+)\}/gu, (slot, name: string) => (name in values ? String(values[name]) : slot));
}
