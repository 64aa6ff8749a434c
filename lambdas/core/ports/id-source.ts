// Core port: fresh random identifiers, so that the core stays free of I/O and tests can choose them.

/** Identifiers nobody can guess: the operating system's random source in the functions, a sequence in tests. */
export interface IdSource {
  /** A new subscription id: 16 random bytes in base64url (see isSubscriptionId). */
  subscriptionId(): string;
  /** A new source id: 12 random bytes in base64url (16 characters). */
  sourceId(): string;
  /** A new import id: 12 random bytes in base64url (16 characters; see isImportId). */
  importId(): string;
  /** A new secret: 32 random bytes in base64url — a sign-in link's token, a console session's id or form secret. */
  secret(): string;
}
