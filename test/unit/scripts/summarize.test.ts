// The summarize command: the same path as the ingest Lambda (checkAndSummarize), bad lines skipped with their reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlainTextReport } from '../../../lambdas/core/domain/report-submission';
import { DIGEST_BUDGET } from '../../../lambdas/core/domain/summarizer';
import { summarizeFile } from '../../../scripts/summarize';
import {
  createHarness,
  ENGLISH_REPORT,
  expectSummaryOf,
  PERSIAN_REPORT,
  SAMPLE_REPORT_AR,
} from '../../support/use-case-harness';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'mujaz-summarize-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function run(lines: string[]): Promise<{
  result: { summarized: number; rejected: number };
  output: { id: string; summary: string }[];
  messages: string[];
}> {
  const input = join(directory, 'in.jsonl');
  const output = join(directory, 'out.jsonl');
  writeFileSync(input, `${lines.join('\n')}\n`);
  const messages: string[] = [];
  const result = await summarizeFile(input, output, DIGEST_BUDGET, (message) => messages.push(message));
  const written = readFileSync(output, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; summary: string });
  return { result, output: written, messages };
}

describe('summarizeFile', () => {
  it('writes exactly the summary the ingest use case stores, cleaning included', async () => {
    const sample = parsePlainTextReport(SAMPLE_REPORT_AR);
    const messy = { title: ENGLISH_REPORT.title, body: `\u200F${ENGLISH_REPORT.body.replace(/ /gu, '\u00A0')}\u200B` };
    const { result, output } = await run([
      JSON.stringify({ id: 'ar', title: sample.title, text: `${sample.lede}\n${sample.body}` }),
      JSON.stringify({ id: 'en', title: messy.title, text: messy.body }),
      JSON.stringify({ id: 'fa', title: PERSIAN_REPORT.title, text: PERSIAN_REPORT.body, lang: 'fa' }),
    ]);
    expect(result).toEqual({ summarized: 3, rejected: 0 });
    const h = createHarness();
    const stored = [
      await h.useCases.ingestReport({ title: sample.title, body: `${sample.lede}\n${sample.body}` }),
      await h.useCases.ingestReport(messy),
      await h.useCases.ingestReport({ ...PERSIAN_REPORT, language: 'fa' }),
    ];
    expect(output.map((line) => line.summary)).toEqual(stored.map(({ report }) => report.summary.join(' ')));
    expectSummaryOf(stored[1]!.report.summary, stored[1]!.report.body);
  });

  it('skips each bad line with its line number and reason, and summarizes the rest', async () => {
    const { result, output, messages } = await run([
      JSON.stringify({ id: 1, title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body }),
      JSON.stringify({ id: 2, title: 'One', text: 'A single sentence.' }),
      JSON.stringify({ id: 3, text: '' }),
      '{"id": 4, "text": ',
      JSON.stringify({ id: 5, text: 'Bad\u0000 bytes. More\u0000 of them.' }),
      JSON.stringify({ id: 6, text: '<div><p></p></div>' }),
      JSON.stringify({ id: 7, text: 'Body one. Body two.', lang: 'English' }),
      JSON.stringify({ id: 8, text: 'x'.repeat(400_000) }),
      '',
      JSON.stringify({ id: 9, text: 'No title is fine here. The command summarizes text.' }),
    ]);
    expect(result).toEqual({ summarized: 2, rejected: 7 });
    expect(output.map((line) => line.id)).toEqual(['1', '9']);
    expect(messages).toHaveLength(7);
    const [second, third, fourth, fifth, sixth, seventh, eighth] = messages;
    expect(second).toMatch(/^line 2 \(single_sentence\): /u);
    expect(third).toMatch(/^line 3 \(empty\): /u);
    expect(fourth).toMatch(/^line 4: /u);
    expect(fifth).toMatch(/^line 5 \(binary\): /u);
    expect(sixth).toMatch(/^line 6 \(markup_only\): /u);
    expect(seventh).toMatch(/^line 7: .*language/u);
    expect(eighth).toMatch(/^line 8 \(too_large\): /u);
  });
});
