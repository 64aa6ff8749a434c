import { maskEmail, redactEmails } from '../../../lambdas/core/domain/redaction';

describe('maskEmail', () => {
  it('keeps the first letter and the domain, hides the rest of the local part', () => {
    const masked = maskEmail('reader@example.com');
    expect(masked).toBe('r***@example.com');
    expect(masked).not.toContain('reader');
  });

  it('adds no domain to a text without one', () => {
    expect(maskEmail('reader')).toBe('r***@');
  });

  it('hides the length of the local part', () => {
    expect(maskEmail('a@example.com').length).toBe(maskEmail('abcdefgh@example.com').length);
  });
});

describe('redactEmails', () => {
  it('masks every address a provider quotes in its message, and leaves the rest of the text alone', () => {
    const message = 'Address blacklisted: <Reader.One@example.com>, also "two@example.org"; retry later (code 554)';
    expect(redactEmails(message)).toBe(
      'Address blacklisted: <R***@example.com>, also "t***@example.org"; retry later (code 554)',
    );
  });

  it('leaves a text without an address as it is', () => {
    expect(redactEmails('Throttling: Maximum sending rate exceeded.')).toBe(
      'Throttling: Maximum sending rate exceeded.',
    );
  });
});
