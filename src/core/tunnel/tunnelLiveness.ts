import { getFromTunnelServer } from './tunnelServerRequest';

export interface LivenessOptions {
  /** Time between a good status check and the next. */
  readonly intervalMs: number;
  /** The whole status check must be answered by then. */
  readonly timeoutMs: number;
  /** Failed checks in a row before the tunnel counts as lost; one slow answer is not a hung server. */
  readonly failuresBeforeLost: number;
}

/** A hung server is noticed within 15 + 2 × 10 = 35 s ({@link longestUnnoticedHangMs}). */
export const DEFAULT_LIVENESS: LivenessOptions = { intervalMs: 15_000, timeoutMs: 10_000, failuresBeforeLost: 2 };

/**
 * The longest a server can hang before the probe says so: it hangs just after a good check, the
 * next check starts `intervalMs` later, and each failing check ends at its deadline, the next one
 * starting then.
 */
export function longestUnnoticedHangMs(options: LivenessOptions): number {
  return options.intervalMs + options.failuresBeforeLost * options.timeoutMs;
}

/** The stock localtunnel server's status endpoint for one client (`GET /api/tunnels/:id/status`). */
export function tunnelStatusUrl(host: string, clientId: string): string {
  return `${host.replace(/\/+$/, '')}/api/tunnels/${encodeURIComponent(clientId)}/status`;
}

/**
 * Asks the tunnel server, now and then, whether it still answers. A server that hangs (stopped,
 * deadlocked, swapped out) keeps its TCP connections: its kernel accepts and acknowledges, so
 * neither the tunnel sockets nor TCP keepalive notice anything while every delivery times out.
 * Any HTTP answer below 500 counts as alive (a server without this endpoint answers 404); no
 * answer by the deadline, a network error or a 5xx (a proxy in front of a dead server) counts as
 * a failure.
 */
export class LivenessProbe {
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly statusUrl: string,
    private readonly options: LivenessOptions,
    private readonly onLost: (reason: string) => void,
  ) {}

  start(): void {
    this.schedule(this.options.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  private async check(): Promise<void> {
    const startedAt = Date.now();
    const problem = await this.ask();
    if (this.stopped) return;
    if (problem === undefined) {
      this.failures = 0;
      this.schedule(this.options.intervalMs);
      return;
    }
    this.failures++;
    if (this.failures >= this.options.failuresBeforeLost) {
      this.stop();
      this.onLost(`the tunnel server did not answer its status check ${this.failures} times in a row (${problem})`);
      return;
    }
    // A quick failure (refused, 503) waits out the deadline, so two of them are not one blip.
    this.schedule(Math.max(0, startedAt + this.options.timeoutMs - Date.now()));
  }

  /** Undefined when the server answered; otherwise what went wrong. */
  private async ask(): Promise<string | undefined> {
    try {
      const { status } = await getFromTunnelServer(this.statusUrl, { deadlineMs: this.options.timeoutMs, signal: this.abort.signal });
      return status >= 500 ? `it answered HTTP ${status}` : undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
