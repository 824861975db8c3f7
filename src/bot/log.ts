/**
 * Structured logs: one JSON object per line on stdout, so that a log shipper or `jq` can read them.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

function serializable(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(
  level: LogLevel = 'info',
  writeLine: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const log = (at: LogLevel, event: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    const entry: LogFields = { time: new Date().toISOString(), level: at, event };
    for (const [key, value] of Object.entries(fields)) entry[key] = serializable(value);
    writeLine(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (event, fields) => log('debug', event, fields),
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
  };
}

/** A logger that keeps its entries in memory, for tests that check what was logged. */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { entries: LogFields[] } {
  const entries: LogFields[] = [];
  const logger = createLogger(level, (line) => entries.push(JSON.parse(line) as LogFields));
  return Object.assign(logger, { entries });
}
