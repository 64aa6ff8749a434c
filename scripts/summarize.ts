// `npm run --silent summarize -- --input IN.jsonl --output OUT.jsonl --ratio R`
// Summarizes JSON Lines ({id, title, text, lang?} in, {id, summary} out) through exactly the path the ingest
// Lambda takes (checkAndSummarize: clean, check, language, summary). A bad line — not JSON, missing fields, or a
// text the Lambda would reject (empty, single sentence, too large, binary, markup only) — is reported on
// stderr with its reason and skipped: it never stops the batch.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { ReportRejectedError } from '../lambdas/core/domain/errors';
import { checkAndSummarize } from '../lambdas/core/domain/report-checks';
import type { SummaryBudget } from '../lambdas/core/domain/summarizer';

const USAGE = `Usage: npm run --silent summarize -- --input IN.jsonl --output OUT.jsonl (--ratio R | --sentences N | --words N)
  input lines:  {"id", "title"?, "text", "lang"?}   (text: paragraphs separated by \\n; lang: an ISO 639 code)
  output lines: {"id", "summary"}
Exit status: 0 when every line was summarized, 2 when some lines were rejected (see stderr), 1 on a usage error.`;

const inputLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().default(''),
  text: z.string(),
  /** Any ISO 639 code, checked by checkAndSummarize as the ingest Lambda checks an editor's. */
  lang: z.string().optional(),
});

export interface SummarizeFileResult {
  summarized: number;
  rejected: number;
}

export async function summarizeFile(
  input: string,
  output: string,
  budget: SummaryBudget,
  report: (message: string) => void,
): Promise<SummarizeFileResult> {
  const out = createWriteStream(output, 'utf8');
  const lines = createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity });
  const result = { summarized: 0, rejected: 0 };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      const parsed = inputLine.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(
          parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; '),
        );
      const { id, title, text, lang } = parsed.data;
      const { summary } = checkAndSummarize({ title, body: text, ...(lang ? { language: lang } : {}) }, budget);
      out.write(`${JSON.stringify({ id, summary: summary.join(' ') })}\n`);
      result.summarized += 1;
    } catch (error) {
      result.rejected += 1;
      const reason = error instanceof ReportRejectedError ? ` (${error.reason})` : '';
      report(`line ${lineNumber}${reason}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return result;
}

function budgetFrom(values: { ratio?: string; sentences?: string; words?: string }): SummaryBudget {
  const given = (['ratio', 'sentences', 'words'] as const).filter((key) => values[key] !== undefined);
  if (given.length !== 1) throw new Error('give exactly one of --ratio, --sentences, --words');
  const key = given[0]!;
  const value = Number(values[key]);
  const valid = key === 'ratio' ? value > 0 && value <= 1 : Number.isInteger(value) && value > 0;
  if (!valid)
    throw new Error(
      `--${key} ${values[key]} is not valid (${key === 'ratio' ? 'a number in (0, 1]' : 'a positive whole number'})`,
    );
  return key === 'ratio' ? { ratio: value } : key === 'sentences' ? { sentences: value } : { words: value };
}

async function main(): Promise<number> {
  let options: { input: string; output: string; budget: SummaryBudget };
  try {
    const { values } = parseArgs({
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        ratio: { type: 'string' },
        sentences: { type: 'string' },
        words: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (!values.input || !values.output) throw new Error('--input and --output are required');
    options = { input: values.input, output: values.output, budget: budgetFrom(values) };
  } catch (error) {
    console.error(`summarize: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const result = await summarizeFile(options.input, options.output, options.budget, (message) =>
    console.error(`summarize: ${message}`),
  );
  if (result.rejected > 0) console.error(`summarize: ${result.summarized} summarized, ${result.rejected} rejected`);
  return result.rejected > 0 ? 2 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`summarize: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
