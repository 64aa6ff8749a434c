import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  DomainError,
  InvalidInputError,
  InvalidTokenError,
  NotFoundError,
  ReportRejectedError,
  type ReportRejection,
} from '../../../lambdas/core/domain/errors';

describe('ReportRejectedError', () => {
  const reasons: ReportRejection[] = ['empty', 'single_sentence', 'too_large', 'binary', 'markup_only'];

  it.each(reasons)("is an InvalidInputError carrying the reason '%s'", (reason) => {
    const error = new ReportRejectedError(reason);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('invalid_input');
    expect(error.name).toBe('ReportRejectedError');
    expect(error.problems).toEqual([{ field: '', message: error.message }]);
  });

  it('has a distinct message for every reason', () => {
    const messages = reasons.map((reason) => new ReportRejectedError(reason).message);
    expect(new Set(messages).size).toBe(reasons.length);
    for (const message of messages) expect(message.length).toBeGreaterThan(10);
  });

  it('takes a custom message and problems', () => {
    const error = new ReportRejectedError('too_large', 'The report is 2 MB; the limit is 1 MB.', [
      { field: 'text', message: 'too large' },
    ]);
    expect(error.message).toBe('The report is 2 MB; the limit is 1 MB.');
    expect(error.problems).toEqual([{ field: 'text', message: 'too large' }]);
  });
});

describe('InvalidTokenError', () => {
  it('tells an expired link from a broken one', () => {
    for (const reason of ['expired', 'retired_key'] as const) {
      expect(new InvalidTokenError(reason).message).toBe(
        'The link has expired; subscribe again, or use the link in a more recent email.',
      );
    }
    for (const reason of ['malformed', 'bad_signature', 'wrong_purpose'] as const) {
      const error = new InvalidTokenError(reason);
      expect(error.reason).toBe(reason);
      expect(error.code).toBe('invalid_token');
      expect(error.message).toBe('The link is not valid; check that it was copied whole.');
    }
  });
});

describe('NotFoundError', () => {
  it("carries the code 'not_found', its name and the message it was given", () => {
    const error = new NotFoundError('This subscription no longer exists.');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('not_found');
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe('This subscription no longer exists.');
  });
});

describe('where error classes live', () => {
  /**
   * The failures of one layer's own machinery, which nothing in the core or the HTTP edge's callers ever names:
   * configuration at cold start, the local services, the email templates at build time and at render, and HTTP
   * itself (no route, wrong media type: the edge's own, with their status codes).
   */
  const OUTSIDE_THE_DOMAIN = [
    'adapters/handlebars-templates.ts: TemplateRenderError',
    'adapters/mjml-template-compiler.ts: TemplateCompileError',
    'composition/config.ts: ConfigError',
    'http/http-errors.ts: HttpProblem',
    'local/local-stack.ts: LocalStackError',
  ];

  const sourceFiles = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });

  it('declares every error class of lambdas/ in core/domain/errors.ts, but for the few of an outer layer alone', () => {
    const lambdas = join(__dirname, '..', '..', '..', 'lambdas');
    const declared = sourceFiles(lambdas).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bclass\s+(\w+)\s+extends\s+(\w*Error|\w*Problem)\b/gu)].map(
        (match) => `${relative(lambdas, file)}: ${match[1]}`,
      ),
    );
    const elsewhere = declared.filter((entry) => !entry.startsWith('core/domain/errors.ts: '));
    expect(elsewhere.sort()).toEqual(OUTSIDE_THE_DOMAIN);
    expect(declared).toEqual(
      expect.arrayContaining([
        'core/domain/errors.ts: MailRefusedError',
        'core/domain/errors.ts: MailOutcomeUnknownError',
        'core/domain/errors.ts: TurnDeferredError',
      ]),
    );
  });
});
