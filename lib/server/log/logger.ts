import pino, { type DestinationStream, type Logger } from 'pino';
import { settings } from '../config';
import { processGlobal, replaceProcessGlobal } from '../processGlobal';

/**
 * Fields that may carry a secret are written as `***`, wherever a line puts them. ioredis attaches
 * the failed command to its errors (`err.command.args`), which for AUTH or HELLO is a password.
 * Lines never carry a learner's command text: only a command's name, and only one Redis knows.
 */
const REDACTED = [
  'password',
  'secret',
  'token',
  'cookie',
  'authorization',
  'args',
  '*.password',
  '*.secret',
  '*.token',
  '*.cookie',
  '*.authorization',
  '*.args',
  'err.command.args',
];

// Next's bundle and the server's own code hold separate copies of this module in one process; both use one logger.

function create(destination: DestinationStream): Logger {
  return pino({ level: settings().logLevel, base: { pid: process.pid }, redact: { paths: REDACTED, censor: '***' } }, destination);
}

/** The process's logger: JSON lines on stdout at LOG_LEVEL (info by default). */
export function log(): Logger {
  return processGlobal('logger', () => create(pino.destination({ dest: 1, sync: true })));
}

/** Sends every later line to `destination` instead: a test reads what the app logged. */
export function logTo(destination: DestinationStream): void {
  replaceProcessGlobal('logger', create(destination));
}

/**
 * For work nobody waits for (a log write, a background sweep): its failure cannot reach anyone, so
 * it is logged once, with what was being done and for whom, and goes no further.
 */
export function logFailure(what: string, context: Record<string, unknown> = {}): (error: unknown) => void {
  return (error) => log().warn({ ...context, err: error }, `${what} failed`);
}
