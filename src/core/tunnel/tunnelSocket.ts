import * as net from 'node:net';
import { ByteSafeHostRewrite } from './byteSafeHostRewrite';

/**
 * Idle time before TCP keepalive probes an idle tunnel socket. Node's `setKeepAlive(true)` alone
 * keeps the system default (2 hours on Linux), far longer than NAT gateways and firewalls keep an
 * idle mapping (AWS NAT drops one after 350 s), and a dropped mapping is a socket that looks
 * connected and carries nothing.
 */
const TCP_KEEPALIVE_IDLE_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** After we closed our side of a tunnel socket, how long the server has to close its side. */
const HALF_CLOSED_GRACE_MS = 5_000;

export interface TunnelSocketEnds {
  /** The tunnel server's address and the port it gave this client. */
  readonly remoteHost: string;
  readonly remotePort: number;
  /** The local webhook receiver; also written into the Host header of tunnelled requests. */
  readonly localHost: string;
  readonly localPort: number;
}

export interface TunnelSocketOutcome {
  readonly connected: boolean;
  /** A request came through and the local receiver answered it. */
  readonly served: boolean;
  /** A request came through but the local receiver could not be reached (not the server's doing). */
  readonly localUnreachable: boolean;
  /** How long the socket was connected (0 if it never was). */
  readonly connectedForMs: number;
  readonly error?: NodeJS.ErrnoException;
}

export interface TunnelSocketEvents {
  connected(): void;
  served(): void;
  /** A request came through but the local receiver could not be reached; it was answered 502. */
  localUnreachable(error: NodeJS.ErrnoException): void;
  /** Called once, whatever ended the socket. */
  closed(outcome: TunnelSocketOutcome): void;
}

/**
 * One socket to the tunnel server, bridged to the local receiver. localtunnel's own client
 * connects to the receiver as soon as the tunnel socket opens; the receiver's header timeout then
 * answers that idle connection with 408 and closes it, the 408 waits unread in the server's idle
 * socket, and the next visitor receives it instead of an answer. Here the local connection is made
 * only when the first byte of a request arrives, so an idle tunnel holds nothing open at the
 * receiver and no timeout there can fire for it. When the receiver closes the connection (its
 * keep-alive timeout, or `Connection: close`), this tunnel socket ends too, as a direct connection
 * would end for the sender, and the pool opens a fresh one in its place.
 */
export class TunnelSocket {
  private readonly remote: net.Socket;
  private local: net.Socket | undefined;
  private connectedAt: number | undefined;
  private served = false;
  private localUnreachable = false;
  private error: NodeJS.ErrnoException | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ends: TunnelSocketEnds, private readonly events: TunnelSocketEvents) {
    const remote = net.connect({ host: ends.remoteHost, port: ends.remotePort });
    this.remote = remote;
    this.timer = setTimeout(() => remote.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })), CONNECT_TIMEOUT_MS);
    remote.on('error', (error: NodeJS.ErrnoException) => {
      this.error ??= error;
    });
    remote.once('connect', () => {
      clearTimeout(this.timer);
      this.connectedAt = Date.now();
      remote.setKeepAlive(true, TCP_KEEPALIVE_IDLE_MS);
      events.connected();
    });
    // Also keeps the idle socket flowing, so a close from the server is seen at once.
    remote.once('data', (first: Buffer) => this.bridge(first));
    remote.once('close', () => this.remoteClosed());
  }

  /** Ends both sides now; `closed` follows. */
  close(): void {
    this.remote.destroy();
    this.local?.destroy();
  }

  private bridge(first: Buffer): void {
    const remote = this.remote;
    remote.pause();
    remote.unshift(first);
    const local = net.connect({ host: this.ends.localHost, port: this.ends.localPort });
    this.local = local;
    let connected = false;
    local.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) this.refuse(error);
    });
    local.once('connect', () => {
      connected = true;
      if (remote.destroyed) {
        local.destroy();
        return;
      }
      local.once('data', () => {
        this.served = true;
        this.events.served();
      });
      remote.pipe(new ByteSafeHostRewrite(this.ends.localHost)).pipe(local).pipe(remote);
    });
    local.once('close', () => this.localClosed());
  }

  /** Nothing takes the connection locally: tell the sender so, rather than leaving it hanging. */
  private refuse(error: NodeJS.ErrnoException): void {
    const message = `The webhook listener at ${this.ends.localHost}:${this.ends.localPort} did not accept the connection (${error.code ?? error.message}).\n`;
    if (this.remote.writable) {
      this.remote.end(
        `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
      );
    }
    this.localUnreachable = true;
    this.events.localUnreachable(error);
  }

  private localClosed(): void {
    const remote = this.remote;
    if (remote.destroyed) return;
    // Whatever still arrives has nowhere to go; keep reading so the server's close is seen.
    remote.unpipe();
    remote.resume();
    if (!remote.writableEnded) remote.end();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => remote.destroy(), HALF_CLOSED_GRACE_MS);
  }

  private remoteClosed(): void {
    clearTimeout(this.timer);
    this.local?.destroy();
    const connectedAt = this.connectedAt;
    this.events.closed({
      connected: connectedAt !== undefined,
      served: this.served,
      localUnreachable: this.localUnreachable,
      connectedForMs: connectedAt === undefined ? 0 : Date.now() - connectedAt,
      error: this.error,
    });
  }
}
