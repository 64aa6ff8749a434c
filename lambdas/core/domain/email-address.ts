// Core layer: what an email address must look like to be one of our readers', and its one spelling. Every entry
// point that takes an address (the subscribe form and API, imports, test sends, queue messages) bounds it by the
// same MAX_EMAIL_LENGTH and normalizes it here.
import { domainToASCII } from 'node:url';
import { InvalidInputError } from './errors';
import { hasInvisibleCharacters } from './invisible-characters';

/**
 * The longest address we take, in characters: 254. RFC 5321 (4.5.3.1.3) limits a forward path to 256 octets
 * including its angle brackets, so no address longer than 254 can be delivered (RFC 3696's erratum 1690 says the
 * same). 320, the sum of the local part's 64 and the domain's 255, is an address no mail server would carry. A
 * normalized address is ASCII, so characters are octets here.
 */
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
/**
 * The local part as RFC 5321 calls it a dot-string: atoms of ASCII letters, digits and !#$%&'*+/=?^_`{|}~- joined by
 * single dots. No quoted strings, comments, spaces, commas or second @: each of those lets one mailbox be written as
 * many different addresses (or many addresses as one field), and mail servers disagree on what they mean.
 */
const DOT_STRING = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/u;
/** A domain after IDNA: letters, digits and hyphens in labels of 1–63, a dot-separated name with a TLD of 2+. */
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;
/**
 * Characters nobody types into an address but that make one mailbox look like many: controls (NUL …), format
 * characters (zero-width spaces and joiners, bidi marks and overrides such as U+202E, the BOM) and any space, with
 * every other character that renders as nothing (invisible-characters.ts: fillers, variation selectors, tags…).
 */
const CONTROL_FORMAT_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}]/u;

function invalidEmail(message: string): InvalidInputError {
  return new InvalidInputError('The email address is not valid.', [{ field: 'email', message }]);
}

/**
 * The one spelling of an address, so that one mailbox is one subscriber: trimmed, lower-cased, the domain in its
 * ASCII (punycode) form. Refuses anything that is not a single plain address: invisible or control characters,
 * quoted local parts, comments, more than one address — and a local part outside ASCII, which SES cannot send to.
 */
export function normalizeEmail(raw: string): string {
  const email = raw.trim();
  if (CONTROL_FORMAT_OR_SPACE.test(email) || hasInvisibleCharacters(email))
    throw invalidEmail('contains spaces, control or invisible characters');
  const at = email.lastIndexOf('@');
  const local = email.slice(0, Math.max(0, at)).toLowerCase();
  if (at <= 0 || local.length > MAX_LOCAL_PART_LENGTH)
    throw invalidEmail('expected an address like reader@example.com');
  if (/[^\p{ASCII}]/u.test(local)) {
    throw invalidEmail('the part before the @ must be ASCII: Amazon SES cannot send to this address');
  }
  if (!DOT_STRING.test(local)) {
    throw invalidEmail('expected one plain address like reader@example.com (no quotes, comments or lists)');
  }
  // IDNA: بريد@مثال.شبكة and xn--… are one mailbox, so the domain is kept in the one form SES sends to.
  const domain = domainToASCII(
    email
      .slice(at + 1)
      .normalize('NFC')
      .toLowerCase(),
  );
  const address = `${local}@${domain}`;
  if (!ASCII_DOMAIN.test(domain) || address.length > MAX_EMAIL_LENGTH) {
    throw invalidEmail('expected an address like reader@example.com');
  }
  return address;
}
