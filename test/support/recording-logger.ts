// Test double: a Logger that keeps every entry, so tests can read what was (and was not) logged.
import type { Logger } from '../../lambdas/core/ports/logger';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  attributes?: Record<string, unknown>;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  info(message: string, attributes?: Record<string, unknown>): void {
    this.record('info', message, attributes);
  }
  warn(message: string, attributes?: Record<string, unknown>): void {
    this.record('warn', message, attributes);
  }
  error(message: string, attributes?: Record<string, unknown>): void {
    this.record('error', message, attributes);
  }
  private record(level: LogEntry['level'], message: string, attributes?: Record<string, unknown>): void {
    this.entries.push({ level, message, ...(attributes ? { attributes } : {}) });
  }
}
