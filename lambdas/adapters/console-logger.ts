// Adapter: the Logger port on the console, one JSON line per event, for the local runtime.
import type { Logger } from '../core/ports/logger';

export function consoleLogger(
  service: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const log = (level: string) => (message: string, attributes?: Record<string, unknown>) =>
    write(JSON.stringify({ level, service, message, timestamp: new Date().toISOString(), ...attributes }));
  return { info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}
