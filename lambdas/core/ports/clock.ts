// Core port: the current time, so tests can choose it.

/** The time the core acts at: the system's in the functions, a fixed one a test moves by hand. */
export interface Clock {
  /** Now, as the core must see it: every timestamp a use case writes comes from here. */
  now(): Date;
}
