import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';

const NO_CLIENT_SOCKET_TIMEOUT_MS = 1000;

export interface LocaltunnelServerOptions {
  /** Control port; 0 picks one. Pass a former server's port to bring "the same server" back. */
  readonly port?: number;
  /** Sockets each client may open to its tunnel port. */
  readonly maxConnCount?: number;
  /** When set, every handshake is answered with this status and `{ message }`. */
  readonly refuse?: { readonly status: number; readonly message: string };
}

/**
 * A localtunnel-protocol server on 127.0.0.1 for tests. `GET /?new` or `GET /<subdomain>` opens a
 * client: a tunnel port the client fills with sockets, and a public port whose every incoming TCP
 * connection is spliced, byte for byte, onto one idle tunnel socket. The public URL is
 * `http://127.0.0.1:<public port>` (loca.lt would say `https://<id>.loca.lt`).
 */
export class LocaltunnelServer {
  /** Paths of the handshakes received, e.g. '/?new' or '/my-subdomain'. */
  readonly handshakes: string[] = [];
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private clientSocketCount = 0;

  private constructor(private readonly control: http.Server, private readonly options: LocaltunnelServerOptions) {
    this.servers.push(control);
    control.on('connection', (socket) => this.track(socket));
    control.on('request', (req, res) => void this.handshake(req, res));
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

  /** Kills everything at once, as a crashing server would: listeners and every open socket. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private async handshake(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    this.handshakes.push(path);
    const answer = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (this.options.refuse) return answer(this.options.refuse.status, { message: this.options.refuse.message });
    if (req.method !== 'GET' || (path !== '/?new' && !/^\/[a-z0-9-]+$/.test(path))) {
      return answer(404, { message: `no such endpoint: ${req.method} ${path}` });
    }
    const id = path === '/?new' ? randomBytes(4).toString('hex') : path.slice(1);
    const { tunnelPort, publicPort } = await this.openClient();
    answer(200, { id, port: tunnelPort, max_conn_count: this.options.maxConnCount ?? 4, url: `http://127.0.0.1:${publicPort}` });
  }

  private async openClient(): Promise<{ tunnelPort: number; publicPort: number }> {
    const idle: net.Socket[] = [];
    const waiting: Array<(socket: net.Socket) => void> = [];
    const tunnel = net.createServer((socket) => {
      this.track(socket);
      this.clientSocketCount++;
      socket.on('error', () => socket.destroy());
      socket.once('close', () => {
        this.clientSocketCount--;
        const index = idle.indexOf(socket);
        if (index >= 0) idle.splice(index, 1);
      });
      const next = waiting.shift();
      if (next) next(socket);
      else idle.push(socket);
    });
    const publicSide = net.createServer((visitor) => {
      this.track(visitor);
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

  /** Client sockets currently connected to the tunnel ports. */
  get clientSockets(): number {
    return this.clientSocketCount;
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
