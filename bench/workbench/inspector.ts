// A minimal Chrome DevTools Protocol client for a Node inspector (the extension host's), over the
// WebSocket that Node >= 22 has built in.

/** The part of the WHATWG WebSocket used here (@types/node 20 does not declare Node 22's global). */
interface Socket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void, options?: { once: boolean }): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
const WebSocketClass = (globalThis as unknown as { WebSocket?: new (url: string) => Socket }).WebSocket;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Array<(params: unknown) => void>>();

  private constructor(private readonly socket: Socket) {
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('The inspector connection closed.'));
      this.pending.clear();
    });
  }

  /** Connects to the first target of the inspector on `port` (retrying while it starts). */
  static async connect(port: number, timeoutMs = 30_000): Promise<Inspector> {
    if (!WebSocketClass) throw new Error('The inspector client needs Node >= 22 (a global WebSocket).');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
        if (targets.length) {
          const socket = new WebSocketClass(targets[0].webSocketDebuggerUrl);
          await new Promise<void>((resolve, reject) => {
            socket.addEventListener('open', () => resolve(), { once: true });
            socket.addEventListener('error', () => reject(new Error(`Cannot open ${targets[0].webSocketDebuggerUrl}`)), { once: true });
          });
          return new Inspector(socket);
        }
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`No inspector target on port ${port}.`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject }));
  }

  on(event: string, listener: (params: unknown) => void): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return () => list.splice(list.indexOf(listener), 1);
  }

  /** Evaluates an expression in the extension host's main context and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (reply.exceptionDetails) throw new Error(`${expression}: ${reply.exceptionDetails.text}`);
    return reply.result.value;
  }

  close(): void {
    this.socket.close();
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: unknown };
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error.message));
      else p?.resolve(message.result);
      return;
    }
    for (const listener of this.listeners.get(message.method ?? '') ?? []) listener(message.params);
  }
}
