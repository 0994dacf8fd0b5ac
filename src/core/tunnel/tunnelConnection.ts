import Tunnel = require('localtunnel/lib/Tunnel');
import type { Logger } from '../logger';
import type { BackoffOptions } from './reconnectDelay';
import { HandshakeRefused, requestTunnel } from './tunnelHandshake';
import { LivenessProbe, tunnelStatusUrl } from './tunnelLiveness';
import type { LivenessOptions } from './tunnelLiveness';
import { TunnelSocketPool, tunnelSocketCount } from './tunnelSocketPool';

export interface TunnelConnectionOptions {
  readonly localPort: number;
  readonly localHost: string;
  readonly host: string;
  readonly subdomain?: string;
  /** The whole handshake (connect, headers, body) must be answered by then. */
  readonly handshakeTimeoutMs: number;
  /** How long the tunnel may have no socket to the server before it counts as lost. */
  readonly noSocketTimeoutMs: number;
  readonly socketReopen: BackoffOptions;
  readonly liveness: LivenessOptions;
  readonly logger: Logger;
}

export interface TunnelConnectionEvents {
  open(url: string): void;
  /** A request came through and the local receiver answered it: the tunnel works end to end. */
  served(): void;
  /** Called at most once; `retryable` is false when the server refused the request itself. */
  lost(reason: string, retryable: boolean): void;
}

/**
 * One localtunnel client session: handshake, the socket pool, the liveness probe, and every way
 * it can end. It never reconnects itself (the owner does, with backoff) and never lets an error
 * escape: the 'error' listener stays attached after close, because closed sockets still report.
 */
export class TunnelConnection {
  private readonly abort = new AbortController();
  private readonly tunnel: SingleHandshakeTunnel;
  private pool: TunnelSocketPool | undefined;
  private probe: LivenessProbe | undefined;
  private opened = false;
  private ended = false;

  constructor(private readonly options: TunnelConnectionOptions, private readonly events: TunnelConnectionEvents) {
    this.tunnel = new SingleHandshakeTunnel(options, this.abort.signal, (info) => this.establish(info));
    this.tunnel.on('error', (error: Error) => this.lose(`tunnel error: ${error.message}`, true));
  }

  open(): void {
    this.tunnel.open((error) => {
      if (this.ended || !error) return;
      this.lose(`could not open a tunnel at ${this.options.host}: ${error.message}`, !(error instanceof HandshakeRefused));
    });
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.abort.abort();
    this.probe?.stop();
    this.pool?.close();
    this.tunnel.close();
  }

  private establish(info: Tunnel.Info): void {
    if (this.ended) return;
    const size = tunnelSocketCount(info.max_conn);
    if (size !== info.max_conn) this.options.logger.info(`The tunnel server offered ${info.max_conn} sockets; using ${size}`);
    this.pool = new TunnelSocketPool(
      {
        remoteHost: info.remote_ip ?? info.remote_host,
        remotePort: info.remote_port,
        localHost: this.options.localHost,
        localPort: this.options.localPort,
        size,
        reopen: this.options.socketReopen,
        noSocketTimeoutMs: this.options.noSocketTimeoutMs,
        logger: this.options.logger,
      },
      {
        connected: () => this.socketConnected(),
        served: () => {
          if (!this.ended) this.events.served();
        },
        lost: (reason) => this.lose(reason, true),
      },
    );
    this.pool.open();
  }

  private socketConnected(): void {
    if (this.opened || this.ended) return;
    this.opened = true;
    this.probe = new LivenessProbe(tunnelStatusUrl(this.options.host, this.tunnel.clientId ?? ''), this.options.liveness, (reason) => this.lose(reason, true));
    this.probe.start();
    this.events.open(this.tunnel.url ?? '');
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

/**
 * localtunnel's client with two parts replaced: its handshake, which retries every second forever
 * with no way to cancel it, by one bounded, cancellable request; and its socket pool, which
 * connects to the receiver before any request arrives and reopens without backoff, by
 * {@link TunnelSocketPool}.
 */
class SingleHandshakeTunnel extends Tunnel {
  constructor(
    private readonly connection: TunnelConnectionOptions,
    private readonly signal: AbortSignal,
    private readonly onEstablish: (info: Tunnel.Info) => void,
  ) {
    super({
      port: connection.localPort,
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

  override _establish(info: Tunnel.Info): void {
    this.onEstablish(info);
  }

  // The callback runs the socket setup; a throw there would become an unhandled rejection.
  private settle(continuation: () => void): void {
    try {
      continuation();
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }
}
