import type { Logger } from '../core';

/**
 * Lets work run that nobody awaits (an event handler's reaction, a notification's follow-up) and
 * logs its failure instead of losing it as an unhandled rejection.
 */
export function inBackground(log: Logger, what: string, work: PromiseLike<unknown>): void {
  Promise.resolve(work).catch((error: unknown) => log.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}
