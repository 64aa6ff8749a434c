// Core layer: what a log line, an error or a trace may say of an email address — enough to tell addresses apart,
// never enough to harvest them.

/** One address, masked: its first character and its domain (r***@example.com). */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Masks every address in a free text (error messages from mail providers quote them). */
export function redactEmails(text: string): string {
  return text.replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/gu, (address) => maskEmail(address));
}
