/** Structured JSON lines on stdout (info/debug) and stderr (errors); silent means nothing. */
import type { LogLevel } from '../config.js';

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

const rank: Record<LogLevel | 'error', number> = { silent: 0, error: 1, info: 2, debug: 3 };

export function createLogger(level: LogLevel): Logger {
  const write = (
    lineLevel: 'info' | 'debug' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => {
    if (level === 'silent' || rank[lineLevel] > rank[level]) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: lineLevel,
      msg: message,
      ...fields,
    });
    (lineLevel === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    debug: (message, fields) => write('debug', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
