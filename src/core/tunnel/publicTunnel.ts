import type { Disposable } from '../disposable';
import { Emitter } from '../events';
import type { Event } from '../events';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { reconnectDelay } from './reconnectDelay';
import type { BackoffOptions } from './reconnectDelay';
import { TunnelConnection } from './tunnelConnection';
import { DEFAULT_LIVENESS } from './tunnelLiveness';
import type { LivenessOptions } from './tunnelLiveness';
import { DEFAULT_SOCKET_REOPEN } from './tunnelSocketPool';
import { DEFAULT_TUNNEL_HOST } from './tunnelState';
import type { TunnelState } from './tunnelState';

export interface ReconnectOptions extends BackoffOptions {
  /** How long one outage (or the first connect) may last before the tunnel is `failed`. */
  readonly giveUpAfterMs: number;
  /**
   * A reopened tunnel ends the outage (backoff and give-up clock start over) once it served a
   * request or stayed open this long; one lost sooner continues the outage, so a server that
   * accepts and then drops every tunnel is retried ever more slowly and finally given up on.
   */
  readonly stableAfterMs: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { initialDelayMs: 500, maxDelayMs: 15_000, giveUpAfterMs: 120_000, stableAfterMs: 60_000 };

export interface PublicTunnelOptions {
  /** Port of the local webhook receiver the public URL leads to. */
  readonly localPort: number;
  /** Address of the local receiver; also written into the Host header of tunnelled requests. */
  readonly localHost?: string;
  /** The localtunnel server, e.g. a self-hosted one. */
  readonly host?: string;
  /** Asked for, not promised: a server may hand out another one if it is taken. */
  readonly subdomain?: string;
  readonly logger?: Logger;
  readonly reconnect?: Partial<ReconnectOptions>;
  /** The whole handshake must be answered by then (10 s when absent). */
  readonly handshakeTimeoutMs?: number;
  /** How long the tunnel may hold no socket to the server before it counts as lost. */
  readonly noSocketTimeoutMs?: number;
  /** Backoff for reopening tunnel sockets the server keeps closing. */
  readonly socketReopen?: Partial<BackoffOptions>;
  /** How often and how patiently the server is asked whether it still answers. */
  readonly liveness?: Partial<LivenessOptions>;
}

interface PendingStart {
  readonly promise: Promise<string>;
  resolve(url: string): void;
  reject(error: Error): void;
}

/**
 * A public URL for the local receiver through a localtunnel server, kept alive across server
 * outages: lost tunnels (closed, refused, or a server that stopped answering) are reopened with
 * capped exponential backoff until `giveUpAfterMs`. Nothing the localtunnel client emits reaches
 * the process as an uncaught error.
 */
export class PublicTunnel implements Disposable {
  private readonly _onDidChangeState = new Emitter<TunnelState>();
  readonly onDidChangeState: Event<TunnelState> = this._onDidChangeState.event;

  private readonly reconnect: ReconnectOptions;
  private readonly logger: Logger;
  private _state: TunnelState = { kind: 'closed' };
  private connection: TunnelConnection | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private giveUpTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private outageStartedAt: number | undefined;
  private attempt = 0;
  private lastReason = 'the tunnel server did not answer';
  private lastOpenUrl: string | undefined;
  private pendingStart: PendingStart | undefined;
  private disposed = false;

  constructor(private readonly options: PublicTunnelOptions) {
    this.reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.logger = options.logger ?? silentLogger;
  }

  get state(): TunnelState {
    return this._state;
  }

  /** The public URL while the tunnel is open; undefined otherwise. */
  get url(): string | undefined {
    return this._state.kind === 'open' ? this._state.url : undefined;
  }

  /**
   * Resolves with the public URL once the tunnel is open (at once if it already is). Rejects when
   * it fails (refused, or nothing worked within `giveUpAfterMs`) or is stopped before opening.
   */
  start(): Promise<string> {
    if (this.disposed) return Promise.reject(new Error('The public tunnel was disposed'));
    if (this._state.kind === 'open') return Promise.resolve(this._state.url);
    const pending = (this.pendingStart ??= createPendingStart());
    if (this._state.kind === 'closed' || this._state.kind === 'failed') {
      this.beginOutage();
      this.setState({ kind: 'connecting' });
      this.logger.info(`Opening a public tunnel through ${this.host} to ${this.localHost}:${this.options.localPort}`);
      this.connect();
    }
    return pending.promise;
  }

  /** Closes the tunnel; nothing is retried afterwards. */
  async stop(): Promise<void> {
    const wasRunning = this._state.kind !== 'closed' && this._state.kind !== 'failed';
    this.tearDown();
    if (this._state.kind !== 'closed') this.setState({ kind: 'closed' });
    if (wasRunning) this.logger.info('Public tunnel stopped');
    this.settleStart(new Error('The public tunnel was stopped before it opened'));
  }

  dispose(): void {
    void this.stop();
    this.disposed = true;
    this._onDidChangeState.dispose();
  }

  private get host(): string {
    return this.options.host ?? DEFAULT_TUNNEL_HOST;
  }

  private get localHost(): string {
    return this.options.localHost ?? '127.0.0.1';
  }

  private connect(): void {
    const connection: TunnelConnection = new TunnelConnection(
      {
        localPort: this.options.localPort,
        localHost: this.localHost,
        host: this.host,
        subdomain: this.options.subdomain,
        handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? 10_000,
        noSocketTimeoutMs: this.options.noSocketTimeoutMs ?? 10_000,
        socketReopen: { ...DEFAULT_SOCKET_REOPEN, ...this.options.socketReopen },
        liveness: { ...DEFAULT_LIVENESS, ...this.options.liveness },
        logger: this.logger,
      },
      {
        open: (url) => this.connection === connection && this.opened(url),
        served: () => this.connection === connection && this.proven(),
        lost: (reason, retryable) => this.connection === connection && this.lost(reason, retryable),
      },
    );
    this.connection = connection;
    connection.open();
  }

  private opened(url: string): void {
    // The outage is paused, not over, until the tunnel proves itself.
    clearTimeout(this.giveUpTimer);
    this.giveUpTimer = undefined;
    this.stableTimer = setTimeout(() => this.proven(), this.reconnect.stableAfterMs);
    const previousUrl = this.lastOpenUrl !== undefined && this.lastOpenUrl !== url ? this.lastOpenUrl : undefined;
    this.lastOpenUrl = url;
    this.setState(previousUrl === undefined ? { kind: 'open', url } : { kind: 'open', url, previousUrl });
    this.logger.info(previousUrl === undefined ? `Public tunnel open at ${url}` : `Public tunnel open again at a new URL ${url} (was ${previousUrl})`);
    this.settleStart(url);
  }

  /** The open tunnel served a request or stayed up long enough: the outage is over. */
  private proven(): void {
    clearTimeout(this.stableTimer);
    this.stableTimer = undefined;
    this.outageStartedAt = undefined;
    this.attempt = 0;
  }

  private lost(reason: string, retryable: boolean): void {
    this.connection = undefined;
    this.lastReason = reason;
    clearTimeout(this.stableTimer);
    this.stableTimer = undefined;
    if (!retryable) {
      this.fail(reason);
      return;
    }
    const outageStartedAt = this.beginOutage();
    const giveUpAt = outageStartedAt + this.reconnect.giveUpAfterMs;
    if (Date.now() >= giveUpAt) {
      this.giveUp();
      return;
    }
    this.attempt++;
    const nextDelayMs = Math.max(0, Math.min(reconnectDelay(this.attempt, this.reconnect), giveUpAt - Date.now()));
    this.setState({ kind: 'reconnecting', attempt: this.attempt, nextDelayMs, reason, giveUpAt });
    this.logger.warn(`Public tunnel lost (${reason}); reconnect attempt ${this.attempt} in ${nextDelayMs} ms`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, nextDelayMs);
  }

  /** Starts (or resumes) the give-up clock of the current outage; returns when the outage started. */
  private beginOutage(): number {
    const startedAt = (this.outageStartedAt ??= Date.now());
    if (this.giveUpTimer === undefined) {
      this.giveUpTimer = setTimeout(() => this.giveUp(), Math.max(0, startedAt + this.reconnect.giveUpAfterMs - Date.now()));
    }
    return startedAt;
  }

  private giveUp(): void {
    const seconds = Math.round(this.reconnect.giveUpAfterMs / 100) / 10;
    this.fail(`no tunnel for ${seconds} s, gave up; last problem: ${this.lastReason}`);
  }

  private fail(reason: string): void {
    this.tearDown();
    this.setState({ kind: 'failed', reason });
    this.logger.error(`Public tunnel failed: ${reason}`);
    this.settleStart(new Error(`The public tunnel failed: ${reason}`));
  }

  private tearDown(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.giveUpTimer);
    clearTimeout(this.stableTimer);
    this.retryTimer = undefined;
    this.giveUpTimer = undefined;
    this.stableTimer = undefined;
    this.outageStartedAt = undefined;
    this.attempt = 0;
    this.connection?.close();
    this.connection = undefined;
  }

  private settleStart(outcome: string | Error): void {
    const pending = this.pendingStart;
    this.pendingStart = undefined;
    if (typeof outcome === 'string') pending?.resolve(outcome);
    else pending?.reject(outcome);
  }

  private setState(state: TunnelState): void {
    this._state = state;
    this._onDidChangeState.fire(state);
  }
}

function createPendingStart(): PendingStart {
  let resolve!: (url: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
