// Core port: structured logging (Powertools Logger in Lambda, the console locally).

/**
 * Structured log entries: a fixed message and attributes. Callers never put an address or a secret in either
 * (redaction.ts names a reader in logs).
 */
export interface Logger {
  /** Something that happened as it should, worth finding later (a send opened, a batch done). */
  info(message: string, attributes?: Record<string, unknown>): void;
  /** Something that did not go as it should but was handled (a default taken, a retry). */
  warn(message: string, attributes?: Record<string, unknown>): void;
  /** Something that failed and needs a human: an alarm counts these. */
  error(message: string, attributes?: Record<string, unknown>): void;
}
