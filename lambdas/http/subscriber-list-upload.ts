// HTTP edge: a subscriber list as the admin API and the console take it in — its first line checked by the one CSV
// reader (formats/subscriber-csv.ts). A module of its own, so that only the functions that take lists carry csv-parse.
import { headerProblem } from '../formats/subscriber-csv';
import { HttpProblem } from './http-errors';

/**
 * A subscriber list as uploaded, once its first line names the columns (400 invalid_csv, saying why, otherwise):
 * that line alone is read here, so that a list of any length is answered at once; its rows are the import's.
 */
export function subscriberList(text: string): string {
  const problem = headerProblem(text);
  if (problem !== undefined) throw new HttpProblem(400, 'invalid_csv', problem);
  return text;
}
