// Core layer: what we learn from a report's text — its language, its summary and its key phrases. The ingest
// use case and the `summarize` command both call this, so the command measures exactly what Lambda stores.
import { detectLanguage, type LanguageCode } from './language';
import { summarizableText } from './report';
import { summarize, type SummaryBudget } from './summarizer';

export interface ReportText {
  title: string;
  lede?: string;
  body: string;
  /** The editor's word on the language wins over detection. */
  language?: LanguageCode;
}

export interface ReportAnalysis {
  language: LanguageCode;
  summary: string[];
  keyPhrases: string[];
}

export function analyzeReport(report: ReportText, budget: SummaryBudget): ReportAnalysis {
  const language = report.language ?? detectLanguage(`${report.title}\n${report.lede ?? ''}\n${report.body}`);
  const { sentences, keyPhrases } = summarize(summarizableText(report), { language, title: report.title, budget });
  return { language, summary: sentences, keyPhrases };
}
