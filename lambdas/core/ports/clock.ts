// Core port: the current time, so tests can choose it.

export interface Clock {
  now(): Date;
}
