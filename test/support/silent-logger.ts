// Test double: a Logger that drops everything, for tests that do not read what is logged.
import type { Logger } from '../../lambdas/core/ports/logger';

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
