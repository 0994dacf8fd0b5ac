import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { PublicTunnel } from '../../../src/core';
import type { PublicTunnelOptions, ReceiverOptions } from '../../../src/core';
import { send } from '../../support/httpClient';
import { LocaltunnelServer } from '../../support/localtunnelServer';
import { useReceiver } from '../../support/receiverFixture';
import { delay, noKeepAlive, startTargetServer, until, watchEscapedErrors } from '../../support/tunnelTestKit';

// The receiver's own timeouts, shortened so the idle gaps that defeat them take milliseconds here;
// idleGaps.timing.ts runs the same with the real defaults and real gaps.
const SHORT_TIMEOUTS: Partial<ReceiverOptions> = { headersTimeoutMs: 300, keepAliveTimeoutMs: 200 };

describe('PublicTunnel with an idle tunnel', () => {
  const receiver = useReceiver();
  let server: LocaltunnelServer;
  let tunnel: PublicTunnel | undefined;
  let escaped: ReturnType<typeof watchEscapedErrors>;

  beforeEach(async () => {
    escaped = watchEscapedErrors();
    server = await LocaltunnelServer.start();
  });

  afterEach(async () => {
    tunnel?.dispose();
    tunnel = undefined;
    await server.close();
    escaped.dispose();
    assert.deepEqual(escaped.errors, []);
  });

  function openTunnel(localPort: number, options: Partial<PublicTunnelOptions> = {}): Promise<string> {
    tunnel = new PublicTunnel({ localPort, localHost: '127.0.0.1', host: server.url, ...options });
    return tunnel.start();
  }

  const portOf = (url: string): number => Number(new URL(url).port);

  async function capturedBodies(): Promise<string[]> {
    const store = receiver.store();
    const bodies = await Promise.all(store.list().map(async (c) => Buffer.from((await store.readBody(c.id)) ?? []).toString()));
    return bodies.sort();
  }

  it('connects to the receiver only when a request arrives, not when a tunnel socket opens', async () => {
    const target = await startTargetServer();
    try {
      const url = await openTunnel(target.port);
      await until(() => server.clientSockets === 4);
      const res = await send(`${url}/hooks`, { body: 'one', agent: noKeepAlive });
      assert.equal(res.status, 201);
      assert.equal(target.connections, 1, 'every idle tunnel socket held a connection open at the receiver');
    } finally {
      await target.close();
    }
  });

  it("answers and captures a delivery that arrives after the receiver's header timeout has passed", async () => {
    const base = await receiver.start(SHORT_TIMEOUTS);
    const url = await openTunnel(portOf(base));
    for (let i = 0; i < 3; i++) {
      await delay(2 * SHORT_TIMEOUTS.headersTimeoutMs!);
      const res = await send(`${url}/hooks/${i}`, { body: `after-gap-${i}`, headers: { 'content-type': 'text/plain' }, agent: noKeepAlive });
      assert.equal(res.status, 200, `delivery ${i} got ${res.status} ${res.body.toString()}`);
    }
    assert.deepEqual(await capturedBodies(), ['after-gap-0', 'after-gap-1', 'after-gap-2']);
  });

  it('carries several requests on one kept-alive connection, ends it when the receiver does, and carries the next on a new one', async () => {
    const base = await receiver.start(SHORT_TIMEOUTS);
    const url = await openTunnel(portOf(base));
    // A raw connection, because Node's agent drops a socket itself when told "Keep-Alive: timeout=0".
    const visitor = await RawVisitor.connect(portOf(url));
    for (let i = 0; i < 3; i++) {
      const answer = await visitor.exchange(`POST /kept/${i} HTTP/1.1\r\nHost: example.loca.lt\r\nContent-Length: 6\r\n\r\nkept-${i}`);
      assert.match(answer, /^HTTP\/1\.1 200 /);
    }
    assert.equal(server.visitorConnections, 1, 'the three requests shared one connection');
    await visitor.ended; // the receiver's keep-alive timeout closed its side, and the sender saw it
    await delay(2 * SHORT_TIMEOUTS.headersTimeoutMs!);
    const res = await send(`${url}/kept/3`, { body: 'kept-3', agent: noKeepAlive });
    assert.equal(res.status, 200);
    assert.equal(server.visitorConnections, 2);
    assert.deepEqual(await capturedBodies(), ['kept-0', 'kept-1', 'kept-2', 'kept-3']);
    const first = receiver.store().list().find((c) => c.url === '/kept/0');
    const capture = await receiver.store().read(first!.id);
    assert.equal(capture?.headers.host, '127.0.0.1', 'the Host header is rewritten for the receiver');
  });

  it('answers 502 with the reason when nothing listens locally, and keeps the tunnel open', async () => {
    const target = await startTargetServer();
    const url = await openTunnel(target.port);
    await target.close();
    // More than enough to pass every one of the 4 sockets three times: a refusal here is not the server's.
    for (let i = 0; i < 13; i++) {
      const res = await send(`${url}/hooks`, { body: 'nobody home', agent: noKeepAlive });
      assert.equal(res.status, 502);
      assert.match(res.body.toString(), /did not accept the connection \(ECONNREFUSED\)/);
    }
    assert.equal(tunnel?.state.kind, 'open');
    assert.equal(server.handshakes.length, 1);
  });
});

/** One TCP connection speaking HTTP/1.1 by hand: a request, then its whole (chunked) answer. */
class RawVisitor {
  private received = '';
  private waiting: (() => void) | undefined;
  readonly ended: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      this.received += text;
      this.waiting?.();
    });
    this.ended = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number): Promise<RawVisitor> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawVisitor(socket);
  }

  async exchange(request: string): Promise<string> {
    this.received = '';
    this.socket.write(request);
    await new Promise<void>((resolve) => {
      this.waiting = () => this.received.endsWith('\r\n0\r\n\r\n') && resolve();
    });
    return this.received;
  }
}
