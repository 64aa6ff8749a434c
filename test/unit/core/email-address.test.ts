import { MAX_EMAIL_LENGTH, normalizeEmail } from '../../../lambdas/core/domain/email-address';
import { InvalidInputError } from '../../../lambdas/core/domain/errors';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Reader@Example.COM \n')).toBe('reader@example.com');
  });

  it('accepts ordinary addresses with plus tags, subdomains and IDN-free TLDs', () => {
    expect(normalizeEmail('first.last+digest@mail.example.co.uk')).toBe('first.last+digest@mail.example.co.uk');
  });

  const SHAPE = 'expected an address like reader@example.com';
  const INVISIBLE = 'contains spaces, control or invisible characters';
  const NOT_PLAIN = 'expected one plain address like reader@example.com (no quotes, comments or lists)';
  const NOT_ASCII = 'the part before the @ must be ASCII: Amazon SES cannot send to this address';

  it.each([
    ['', SHAPE],
    ['reader', SHAPE],
    ['reader@', SHAPE],
    ['@example.com', SHAPE],
    ['reader@example', SHAPE],
    ['reader@example.c', SHAPE],
    ['reader@-example.com', SHAPE],
    ['reader@exa_mple.com', SHAPE],
    ['two words@example.com', INVISIBLE],
    ['reader@exa mple.com', INVISIBLE],
    // Aliases that reach one mailbox (issue 8): each would be a subscriber of its own.
    ['du\u0000p@example.com', INVISIBLE],
    ['dup\u200B@example.com', INVISIBLE],
    ['\u202Emoc.elpmaxe@pud', INVISIBLE],
    ['dup@exa\u200Dmple.com', INVISIBLE],
    // Rendering as nothing without being a format character, and mapped away by IDNA: still not a plain address.
    ['dup@exa\u034Fmple.com', INVISIBLE],
    ['dup@exa\uFE0Fmple.com', INVISIBLE],
    ['dup@example.com\u{E0041}', INVISIBLE],
    ['dup(x)@example.com', NOT_PLAIN],
    ['"dup"@example.com', NOT_PLAIN],
    ['"du p"@example.com', INVISIBLE],
    ['a@b@example.com', NOT_PLAIN],
    ['a@example.com,b@example.com', NOT_PLAIN],
    ['a..b@example.com', NOT_PLAIN],
    ['.a@example.com', NOT_PLAIN],
    ['قارئ@example.com', NOT_ASCII],
    ['rédacteur@example.com', NOT_ASCII],
  ])('rejects %j with an InvalidInputError on the email field, saying why', (raw, why) => {
    let caught: unknown;
    try {
      normalizeEmail(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect(caught).toMatchObject({
      message: 'The email address is not valid.',
      problems: [{ field: 'email', message: why }],
    });
  });

  it('keeps an international domain in its one ASCII form, so both spellings are one subscriber', () => {
    expect(normalizeEmail('Reader@مثال.إختبار')).toBe('reader@xn--mgbh0fb.xn--kgbechtv');
    expect(normalizeEmail('reader@XN--MGBH0FB.xn--kgbechtv')).toBe('reader@xn--mgbh0fb.xn--kgbechtv');
    expect(normalizeEmail('leser@Bücher.de')).toBe(normalizeEmail('leser@xn--bcher-kva.de'));
  });

  it('accepts the characters a plain local part may hold', () => {
    expect(normalizeEmail("o'brien+news/x=y@example.com")).toBe("o'brien+news/x=y@example.com");
    expect(normalizeEmail('a.b-c_d@sub.example.com')).toBe('a.b-c_d@sub.example.com');
  });

  it('rejects addresses longer than 254 characters', () => {
    const local = 'a'.repeat(64);
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`;
    const address = `${local}@${domain}`;
    expect(address.length).toBeGreaterThan(254);
    expect(() => normalizeEmail(address)).toThrow(InvalidInputError);
    const fits = `${local}@${'b'.repeat(63)}.com`;
    expect(normalizeEmail(fits)).toBe(fits);
  });

  it('accepts an address of exactly MAX_EMAIL_LENGTH (254) characters, and not one of 255', () => {
    expect(MAX_EMAIL_LENGTH).toBe(254);
    // 64 + 1 + (63 + 1 + 63 + 1 + 57 + 4) = 254.
    const address = (last: number) => `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(last)}.com`;
    expect(normalizeEmail(address(57))).toBe(address(57));
    expect(() => normalizeEmail(address(58))).toThrow('The email address is not valid.');
  });
});
