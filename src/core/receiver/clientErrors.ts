import type { Socket } from 'node:net';
import type { Logger } from '../logger';

/** A request the receiver refused before it could be read: the status sent and why, in words. */
export interface Refusal {
  status: number;
  statusText: string;
  reason: string;
}

/**
 * The answer to a request Node's parser rejected, as Node's own default `clientError` handler gives
 * it (lib/_http_server.js): oversized headers or URL (llhttp counts the request line in the header
 * size) → 431, oversized chunk extensions → 413, a stalled client → 408, anything else → 400.
 */
export function refusalFor(error: NodeJS.ErrnoException): Refusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, statusText: 'Request Header Fields Too Large', reason: 'its headers or URL were larger than the HTTP parser allows (16 KiB by default)' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, statusText: 'Payload Too Large', reason: 'its chunk extensions were too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, statusText: 'Request Timeout', reason: 'it did not finish sending its headers in time' };
    default:
      return { status: 400, statusText: 'Bad Request', reason: `it was not valid HTTP (${error.code ?? error.message})` };
  }
}

/** How often the same kind of refusal is logged as a warning; the ones in between are counted. */
export const REFUSAL_WARNING_INTERVAL_MS = 60_000;

/**
 * Warnings about refused senders, at most one per status per interval, so a user can see why a
 * sender was turned away without a flood from a misbehaving one. The next warning after a quiet
 * spell says how many were refused without a line of their own.
 */
export class RefusalWarnings {
  private readonly last = new Map<number, { at: number; unreported: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = REFUSAL_WARNING_INTERVAL_MS,
  ) {}

  note(refusal: Refusal, from: string): void {
    const now = this.now();
    const previous = this.last.get(refusal.status);
    if (previous && now - previous.at < this.intervalMs) {
      previous.unreported += 1;
      this.logger.debug(`Refused a request from ${from} with ${refusal.status}: ${refusal.reason}.`);
      return;
    }
    const more = previous?.unreported ? ` (${previous.unreported} more refused the same way since the last warning)` : '';
    this.logger.warn(`Refused a request from ${from} with ${refusal.status} ${refusal.statusText}: ${refusal.reason}${more}.`);
    this.last.set(refusal.status, { at: now, unreported: 0 });
  }
}

/** Answers a request the parser rejected with its protocol-correct status and closes the connection. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket, warnings: RefusalWarnings, logger: Logger): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const refusal = refusalFor(error);
  const from = socket.remoteAddress ?? 'an unknown address';
  // A connection that never sent a byte (a browser's preconnect, an idle keep-alive) is not a sender
  // being refused: only the debug log hears of it.
  if (socket.bytesRead === 0) logger.debug(`Closed a connection from ${from} that sent nothing (${error.code ?? error.message}).`);
  else warnings.note(refusal, from);
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.statusText}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
