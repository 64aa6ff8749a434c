// Core layer: an editor's corrections to a report waiting for an edition — held out, moved up or down, its summary
// rewritten or restored — checked by one schema whatever the entry point (PATCH /reports/{id}, the CLI, the
// console). What a digest then shows is report.ts's (shownSummary) and edition.ts's (goesInNextEdition).
import * as z from 'zod';
import { MAX_PRIORITY, MIN_PRIORITY } from './report-submission';
import { cleanText, isMarkupOnly, looksBinary } from './text-cleaning';
import { parseInput } from './validation';

/**
 * The longest summary an editor may write, in characters once cleaned: a summary is a few sentences (the machine's
 * are two to four); 2,000 characters is a long paragraph's worth, and at most 8 KB of UTF-8 — inside the room a
 * report's item keeps beside MAX_REPORT_BYTES of text (report-limits.ts).
 */
export const MAX_EDITED_SUMMARY_LENGTH = 2_000;

/**
 * What one edit changes; a field left out stays as it is, so that two editors changing different fields both keep
 * their change. `editedSummary: null` restores the machine's summary.
 */
export interface ReportEdit {
  /** true: held out of the editions to come until released; false: released (it goes into the next). */
  held?: boolean;
  /** The editor's word on the order within the edition, as a submission's priority (MIN_PRIORITY…MAX_PRIORITY). */
  priority?: number;
  editedSummary?: string | null;
}

/**
 * An editor's summary, as submitted text is taken (text-cleaning.ts): binary data refused; cleaned (NFC, no
 * invisible or control characters, a paragraph a line); something left that is not only markup; then bounded.
 * Markup that is text among words ("<b>" in a sentence) stays, shown as written: every renderer escapes it.
 */
const editedSummary = z
  .string()
  .refine((raw) => !looksBinary(raw), {
    message: 'is not text: it looks like binary data',
    params: { reason: 'binary' },
  })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, 'must hold some text (null restores the machine summary)')
      .max(MAX_EDITED_SUMMARY_LENGTH)
      .refine((text) => !isMarkupOnly(text), {
        message: 'holds only markup (HTML or XML tags) and no text',
        params: { reason: 'markup_only' },
      }),
  );

const reportEditBody = z
  .object({
    hold: z.boolean().optional(),
    priority: z.number().int().min(MIN_PRIORITY).max(MAX_PRIORITY).optional(),
    summary: editedSummary.nullable().optional(),
  })
  .strict()
  .refine(
    (body) => body.hold !== undefined || body.priority !== undefined || body.summary !== undefined,
    'name at least one of hold, priority and summary',
  );

/** The edit a request asks for (`{"hold"?, "priority"?, "summary"?}`); throws InvalidInputError naming each problem. */
export function parseReportEdit(input: unknown): ReportEdit {
  const { hold, priority, summary } = parseInput(reportEditBody, input);
  return {
    ...(hold !== undefined ? { held: hold } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(summary !== undefined ? { editedSummary: summary } : {}),
  };
}

/** Whether `id` could name a report (reportIdFor: 24 hex digits), checked before any store is asked. */
export function isReportId(id: string): boolean {
  return /^[0-9a-f]{24}$/u.test(id);
}
