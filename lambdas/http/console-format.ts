// HTTP edge: how the console writes numbers and dates — in the page's language, dates in the newsletter's time zone.
// Arabic pages use Latin digits (`ar-u-nu-latn`), as the newsletter's own emails do (digest.ts, DATE_LOCALES): what
// most Arabic news sites print, the same digits an editor sees in the email they are about to send, and
// unambiguous beside the Latin addresses, ids and percentages of the same page.
import { DATE_LOCALES } from '../core/domain/digest';
import type { NewsletterLanguage } from '../core/domain/newsletter-languages';

export interface ConsoleFormat {
  number(value: number): string;
  /** A rate as a percentage, to two decimals (0.1 % is a line the console draws). */
  percent(value: number): string;
  /** A date and time in the zone (`7 Dec 2026, 17:00`). */
  dateTime(isoInstant: string): string;
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
  const dateTimes = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const days = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const names = new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' });
  const format: ConsoleFormat = {
    number: (value) => numbers.format(value),
    percent: (value) => percents.format(value),
    dateTime: (isoInstant) => {
      const date = new Date(isoInstant);
      return Number.isNaN(date.getTime()) ? isoInstant : dateTimes.format(date);
    },
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

/** A sentence with `{name}` slots filled: the values are already formatted; the caller escapes the whole. */
export function fill(sentence: string, values: Record<string, string>): string {
  return sentence.replace(/\{(\w+)\}/gu, (slot, name: string) => values[name] ?? slot);
}
