// Test support: what a failed call says — what it threw, the fields an InvalidInputError names, the reason of a
// rejection.
import { InvalidInputError, ReportRejectedError, type ReportRejection } from '../../lambdas/core/domain/errors';

export function fieldsOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).problems.map((problem) => problem.field);
}

export function reasonOf(error: unknown): ReportRejection {
  expect(error).toBeInstanceOf(ReportRejectedError);
  return (error as ReportRejectedError).reason;
}

/** What a call throws; fails the test when it returns instead. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
