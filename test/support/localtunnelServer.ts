import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';

const NO_CLIENT_SOCKET_TIMEOUT_MS = 1000;

/** Broken or hostile answers to the handshake (`GET /?new` or `GET /<subdomain>`). */
export type HostileHandshake =
  /** A 200 whose chunked body never ends, sent as fast as the client reads it. */
  | { readonly kind: 'endless' }
  /** A 200 whose body arrives one byte every `intervalMs` and never completes. */
  | { readonly kind: 'drip'; readonly intervalMs: number };

export interface LocaltunnelServerOptions {
  /** Control port; 0 picks one. Pass a former server's port to bring "the same server" back. */
  readonly port?: number;
  /** Sockets each client may open to its tunnel port (the stock server grants 10). */
  readonly maxConnCount?: number;
  /** When set, every handshake is answered with this status and `{ message }`. */
  readonly refuse?: { readonly status: number; readonly message: string };
  readonly hostileHandshake?: HostileHandshake;
  /** Destroys every tunnel socket as soon as it connects, as a broken server would. */
  readonly closeTunnelSockets?: boolean;
  /** Answers 404 to `/api/...`, as a localtunnel-compatible server without the status API would. */
  readonly withoutStatusApi?: boolean;
}

interface ClientRecord {
  sockets: number;
}

/**
 * A localtunnel-protocol server on 127.0.0.1 for tests. `GET /?new` or `GET /<subdomain>` opens a
 * client: a tunnel port the client fills with sockets, and a public port whose every incoming TCP
 * connection is spliced, byte for byte, onto one idle tunnel socket. The public URL is
 * `http://127.0.0.1:<public port>` (loca.lt would say `https://<id>.loca.lt`). Like the stock
 * server, it never reads an idle tunnel socket, and it answers `GET /api/status` and
 * `GET /api/tunnels/<id>/status`.
 */
export class LocaltunnelServer {
  /** Paths of the handshakes received, e.g. '/?new' or '/my-subdomain'. */
  readonly handshakes: string[] = [];
  /** Paths of the status requests received (`/api/...`). */
  readonly statusRequests: string[] = [];
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly clients = new Map<string, ClientRecord>();
  private clientSocketCount = 0;
  private acceptedTunnelSockets = 0;
  private acceptedVisitors = 0;

  private constructor(private readonly control: http.Server, private readonly options: LocaltunnelServerOptions) {
    this.servers.push(control);
    control.on('connection', (socket) => this.track(socket));
    control.on('request', (req, res) => void this.handleControl(req, res));
  }

  static async start(options: LocaltunnelServerOptions = {}): Promise<LocaltunnelServer> {
    const server = new LocaltunnelServer(http.createServer(), options);
    await listen(server.control, options.port ?? 0);
    return server;
  }

  get port(): number {
    return (this.control.address() as net.AddressInfo).port;
  }

  /** What a PublicTunnel takes as `host`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Client sockets currently connected to the tunnel ports. */
  get clientSockets(): number {
    return this.clientSocketCount;
  }

  /** Every tunnel socket ever accepted, across all clients. */
  get tunnelSocketsAccepted(): number {
    return this.acceptedTunnelSockets;
  }

  /** Every TCP connection ever accepted on the public ports. */
  get visitorConnections(): number {
    return this.acceptedVisitors;
  }

  /** Kills everything at once, as a crashing server would: listeners and every open socket. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private async handleControl(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const answer = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path.startsWith('/api/')) {
      this.statusRequests.push(path);
      if (this.options.withoutStatusApi) return answer(404, { message: 'Not Found' });
      if (path === '/api/status') return answer(200, { tunnels: this.clients.size });
      const client = /^\/api\/tunnels\/([^/]+)\/status$/.exec(path);
      const record = client ? this.clients.get(decodeURIComponent(client[1])) : undefined;
      return record ? answer(200, { connected_sockets: record.sockets }) : answer(404, { message: 'Not Found' });
    }
    this.handshakes.push(path);
    if (this.options.refuse) return answer(this.options.refuse.status, { message: this.options.refuse.message });
    if (req.method !== 'GET' || (path !== '/?new' && !/^\/[a-z0-9-]+$/.test(path))) {
      return answer(404, { message: `no such endpoint: ${req.method} ${path}` });
    }
    if (this.options.hostileHandshake) return this.answerHostile(res, this.options.hostileHandshake);
    const id = path === '/?new' ? randomBytes(4).toString('hex') : path.slice(1);
    const { tunnelPort, publicPort } = await this.openClient(id);
    answer(200, { id, port: tunnelPort, max_conn_count: this.options.maxConnCount ?? 4, url: `http://127.0.0.1:${publicPort}` });
  }

  private answerHostile(res: http.ServerResponse, hostile: HostileHandshake): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (hostile.kind === 'drip') {
      res.write('{');
      const timer = setInterval(() => res.write(' '), hostile.intervalMs);
      this.timers.add(timer);
      res.once('close', () => {
        clearInterval(timer);
        this.timers.delete(timer);
      });
      return;
    }
    // Writes as fast as the client drains it: the server itself stays small, the client may not.
    const chunk = Buffer.from(`{"id":"${'x'.repeat(64 * 1024)}`);
    let closed = false;
    res.once('close', () => (closed = true));
    const pump = (): void => {
      while (!closed && res.write(chunk));
      if (!closed) res.once('drain', pump);
    };
    pump();
  }

  private async openClient(id: string): Promise<{ tunnelPort: number; publicPort: number }> {
    const idle: net.Socket[] = [];
    const waiting: Array<(socket: net.Socket) => void> = [];
    const record: ClientRecord = { sockets: 0 };
    this.clients.set(id, record);
    const tunnel = net.createServer((socket) => {
      this.track(socket);
      this.acceptedTunnelSockets++;
      if (this.options.closeTunnelSockets) {
        socket.destroy();
        return;
      }
      this.clientSocketCount++;
      record.sockets++;
      socket.on('error', () => socket.destroy());
      socket.once('close', () => {
        this.clientSocketCount--;
        record.sockets--;
        const index = idle.indexOf(socket);
        if (index >= 0) idle.splice(index, 1);
      });
      const next = waiting.shift();
      if (next) next(socket);
      else idle.push(socket);
    });
    const publicSide = net.createServer((visitor) => {
      this.track(visitor);
      this.acceptedVisitors++;
      visitor.on('error', () => visitor.destroy());
      const splice = (socket: net.Socket): void => {
        visitor.pipe(socket).pipe(visitor);
        socket.once('close', () => visitor.destroy());
        visitor.once('close', () => socket.destroy());
      };
      const socket = idle.shift();
      if (socket) return splice(socket);
      // Like a real server with no client sockets: wait a little, then answer 502.
      const giveUp = setTimeout(() => {
        waiting.splice(waiting.indexOf(spliceWhenReady), 1);
        visitor.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      }, NO_CLIENT_SOCKET_TIMEOUT_MS);
      const spliceWhenReady = (ready: net.Socket): void => {
        clearTimeout(giveUp);
        splice(ready);
      };
      waiting.push(spliceWhenReady);
    });
    this.servers.push(tunnel, publicSide);
    await Promise.all([listen(tunnel, 0), listen(publicSide, 0)]);
    return { tunnelPort: (tunnel.address() as net.AddressInfo).port, publicPort: (publicSide.address() as net.AddressInfo).port };
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
