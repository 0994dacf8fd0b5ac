import Tunnel = require('localtunnel/lib/Tunnel');
import type { Socket } from 'node:net';
import type { Logger } from '../logger';
import { makeHostRewriteByteSafe } from './byteSafeHostRewrite';
import { HandshakeRefused, requestTunnel } from './tunnelHandshake';

export interface TunnelConnectionOptions {
  readonly localPort: number;
  readonly localHost: string;
  readonly host: string;
  readonly subdomain?: string;
  readonly handshakeTimeoutMs: number;
  /** How long the tunnel may have no socket to the server before it counts as lost. */
  readonly noSocketTimeoutMs: number;
  readonly logger: Logger;
}

export interface TunnelConnectionEvents {
  open(url: string): void;
  /** Called at most once; `retryable` is false when the server refused the request itself. */
  lost(reason: string, retryable: boolean): void;
}

/**
 * One localtunnel client session: handshake, the client's socket pool, and every way it can end.
 * It never reconnects itself (the owner does, with backoff) and never lets the client's errors
 * escape: the 'error' listener stays attached after close, because closed sockets still report.
 */
export class TunnelConnection {
  private readonly abort = new AbortController();
  private readonly tunnel: Tunnel;
  private liveSockets = 0;
  private noSocketTimer: NodeJS.Timeout | undefined;
  private opened = false;
  private ended = false;

  constructor(private readonly options: TunnelConnectionOptions, private readonly events: TunnelConnectionEvents) {
    makeHostRewriteByteSafe();
    this.tunnel = new SingleHandshakeTunnel(options, this.abort.signal);
    this.tunnel.on('error', (error: Error) => this.lose(`tunnel error: ${error.message}`, true));
  }

  open(): void {
    this.tunnel.open((error) => {
      if (this.ended) return;
      if (error) {
        this.lose(`could not open a tunnel at ${this.options.host}: ${error.message}`, !(error instanceof HandshakeRefused));
        return;
      }
      this.watchSockets();
    });
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.abort.abort();
    clearTimeout(this.noSocketTimer);
    this.tunnel.close();
  }

  private watchSockets(): void {
    const cluster = this.tunnel.tunnelCluster;
    if (!cluster) {
      this.lose('the localtunnel client did not create its socket pool', true);
      return;
    }
    cluster.on('open', (remote: Socket) => {
      this.liveSockets++;
      clearTimeout(this.noSocketTimer);
      remote.once('close', () => {
        this.liveSockets--;
        if (this.liveSockets === 0) this.armNoSocketTimer('every tunnel socket to the server closed');
      });
      if (!this.opened && !this.ended) {
        this.opened = true;
        this.events.open(this.tunnel.url ?? '');
      }
    });
    this.armNoSocketTimer('no tunnel socket to the server could be opened');
  }

  // Sockets that fail with anything but ECONNREFUSED (timeouts, resets) vanish without an event
  // from the client, which would leave a tunnel that looks open and carries nothing.
  private armNoSocketTimer(reason: string): void {
    clearTimeout(this.noSocketTimer);
    if (this.ended) return;
    this.noSocketTimer = setTimeout(() => {
      if (this.liveSockets === 0) this.lose(reason, true);
    }, this.options.noSocketTimeoutMs);
  }

  private lose(reason: string, retryable: boolean): void {
    if (this.ended) {
      this.options.logger.debug(`Tunnel (already closed) reported: ${reason}`);
      return;
    }
    this.close();
    this.events.lost(reason, retryable);
  }
}

/** The real localtunnel client with its endless handshake retry replaced by one cancellable request. */
class SingleHandshakeTunnel extends Tunnel {
  constructor(private readonly connection: TunnelConnectionOptions, private readonly signal: AbortSignal) {
    super({
      port: connection.localPort,
      // Also makes the client connect to this address rather than 'localhost', which may be ::1.
      local_host: connection.localHost,
      host: connection.host,
      subdomain: connection.subdomain,
    });
  }

  override _init(callback: (error: Error | null, info?: Tunnel.Info) => void): void {
    requestTunnel({
      host: this.connection.host,
      subdomain: this.connection.subdomain,
      timeoutMs: this.connection.handshakeTimeoutMs,
      signal: this.signal,
    }).then(
      (answer) => this.settle(() => (this.signal.aborted ? callback(new Error('cancelled')) : callback(null, this._getInfo(answer)))),
      (error: unknown) => this.settle(() => callback(error instanceof Error ? error : new Error(String(error)))),
    );
  }

  // The callback runs the client's socket setup; a throw there would become an unhandled rejection.
  private settle(continuation: () => void): void {
    try {
      continuation();
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }
}
