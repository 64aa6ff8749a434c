// Adapter: the machine's clock, for every entry point (tests choose their own time with a FixedClock).
import type { Clock } from '../core/ports/clock';

export const systemClock: Clock = { now: () => new Date() };
