// Core layer: checking input against a zod schema, and saying what is wrong with it as an InvalidInputError.
// The HTTP edge and the core both parse through here, so every "the input is not valid" reads the same.
import type * as z from 'zod';
import { InvalidInputError } from './errors';

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(result.error);
}

export function invalidInput(error: z.ZodError): InvalidInputError {
  const problems = error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  const reasons = error.issues.map((issue) =>
    String((issue.code === 'custom' ? issue.params?.reason : undefined) ?? issue.code),
  );
  const listed = problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message));
  return new InvalidInputError(`The request is not valid: ${listed.join('; ')}.`, problems, reasons);
}
