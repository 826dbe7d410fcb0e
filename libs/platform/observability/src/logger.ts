import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

// One JSON object per line on stdout/stderr, so log shippers need no parsing rules.
export function createJsonLogger(service: string, level: LogLevel = 'log'): ConsoleLogger {
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(level) + 1);
  return new ConsoleLogger(service, { json: true, logLevels, timestamp: true });
}
