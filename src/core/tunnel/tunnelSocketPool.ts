import type { Logger } from '../logger';
import { reconnectDelay } from './reconnectDelay';
import type { BackoffOptions } from './reconnectDelay';
import { TunnelSocket } from './tunnelSocket';
import type { TunnelSocketEnds, TunnelSocketOutcome } from './tunnelSocket';

/**
 * The most tunnel sockets kept open, whatever the server offers. The stock localtunnel server
 * (and loca.lt) grants 10 (`--max-sockets`), and queues visitors while all are busy, so more only
 * adds idle connections, descriptors and reconnects; localtunnel's client opens whatever it is told,
 * and `max_conn_count: 1e8` blocks the event loop and exhausts memory.
 */
export const MAX_TUNNEL_SOCKETS = 10;

/** Backoff before reopening a socket the server closed again before it served anything. */
export const DEFAULT_SOCKET_REOPEN: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 5_000 };

/** A socket that closes sooner than this without serving a request counts as turned away. */
const SHORT_LIVED_MS = 10_000;
/** When every socket has been turned away this many times in a row, the tunnel is lost. */
const TURNED_AWAY_ROUNDS_BEFORE_LOST = 3;

/** How many sockets to keep for a server that offers `offered` (localtunnel reads 0 or absent as 1). */
export function tunnelSocketCount(offered: number): number {
  return Math.min(MAX_TUNNEL_SOCKETS, Math.max(1, Math.floor(offered) || 1));
}

export interface TunnelSocketPoolOptions extends TunnelSocketEnds {
  readonly size: number;
  readonly reopen: BackoffOptions;
  /** How long the pool may have no socket connected before the tunnel counts as lost. */
  readonly noSocketTimeoutMs: number;
  readonly logger: Logger;
}

export interface TunnelSocketPoolEvents {
  connected(): void;
  served(): void;
  /** Called at most once; the pool has closed itself. */
  lost(reason: string): void;
}

interface Slot {
  socket?: TunnelSocket;
  /** Times in a row this slot's socket closed before serving anything, soon after it opened. */
  turnedAway: number;
  reopenTimer?: NodeJS.Timeout;
}

/**
 * The client's sockets to the tunnel server (what localtunnel's TunnelCluster does), each reopened
 * when it closes: at once after it served a request or lived a while, with backoff when the server
 * keeps closing it (localtunnel reopens at once, forever: tens of thousands of connections in
 * seconds against a server that closes them all). When every socket keeps being turned away, or
 * none is connected for `noSocketTimeoutMs`, the tunnel counts as lost.
 */
export class TunnelSocketPool {
  private readonly slots: Slot[];
  private connectedSockets = 0;
  private noSocketTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: TunnelSocketPoolOptions, private readonly events: TunnelSocketPoolEvents) {
    this.slots = Array.from({ length: options.size }, () => ({ turnedAway: 0 }));
  }

  open(): void {
    for (const slot of this.slots) this.openSocket(slot);
    this.armNoSocketTimer('no tunnel socket to the server could be opened');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.noSocketTimer);
    for (const slot of this.slots) {
      clearTimeout(slot.reopenTimer);
      slot.socket?.close();
    }
  }

  private openSocket(slot: Slot): void {
    slot.reopenTimer = undefined;
    if (this.closed) return;
    slot.socket = new TunnelSocket(this.options, {
      connected: () => {
        this.connectedSockets++;
        clearTimeout(this.noSocketTimer);
        this.events.connected();
      },
      served: () => this.events.served(),
      localUnreachable: (error) =>
        this.options.logger.warn(`A request came through the tunnel but the listener at ${this.options.localHost}:${this.options.localPort} refused it (${error.code ?? error.message}); answered 502`),
      closed: (outcome) => this.socketClosed(slot, outcome),
    });
  }

  private socketClosed(slot: Slot, outcome: TunnelSocketOutcome): void {
    slot.socket = undefined;
    if (this.closed) return;
    if (outcome.connected) {
      this.connectedSockets--;
      if (this.connectedSockets === 0) this.armNoSocketTimer('every tunnel socket to the server closed');
    }
    if (outcome.error?.code === 'ECONNREFUSED') {
      this.lose(`the server refused tunnel sockets at ${this.options.remoteHost}:${this.options.remotePort}`);
      return;
    }
    // A request the listener refused says nothing about the server: the count stays as it was.
    if (!outcome.localUnreachable) {
      const turnedAway = !outcome.served && outcome.connectedForMs < SHORT_LIVED_MS;
      slot.turnedAway = turnedAway ? slot.turnedAway + 1 : 0;
    }
    if (this.slots.every((s) => s.turnedAway >= TURNED_AWAY_ROUNDS_BEFORE_LOST)) {
      this.lose(`the server closed every tunnel socket ${TURNED_AWAY_ROUNDS_BEFORE_LOST} times in a row before it served a request`);
      return;
    }
    // The first reopen is immediate: the stock server forgets a client whose sockets are all gone for 1 s.
    const delayMs = slot.turnedAway <= 1 ? 0 : reconnectDelay(slot.turnedAway - 1, this.options.reopen);
    slot.reopenTimer = setTimeout(() => this.openSocket(slot), delayMs);
  }

  // Sockets can also fail without a close we would see (a connect that never completes is timed out
  // by the socket itself); this is the last word: no socket at all for this long is a lost tunnel.
  private armNoSocketTimer(reason: string): void {
    clearTimeout(this.noSocketTimer);
    if (this.closed) return;
    this.noSocketTimer = setTimeout(() => {
      if (this.connectedSockets === 0) this.lose(reason);
    }, this.options.noSocketTimeoutMs);
  }

  private lose(reason: string): void {
    if (this.closed) return;
    this.close();
    this.events.lost(reason);
  }
}
