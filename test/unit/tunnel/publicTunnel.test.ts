import * as assert from 'node:assert/strict';
import { PublicTunnel } from '../../../src/core';
import type { PublicTunnelOptions, TunnelState } from '../../../src/core';
import { send } from '../../support/httpClient';
import { LocaltunnelServer } from '../../support/localtunnelServer';
import { delay, noKeepAlive, recordStates, startTargetServer, watchEscapedErrors } from '../../support/tunnelTestKit';

const fastReconnect = { initialDelayMs: 20, maxDelayMs: 80, giveUpAfterMs: 3000 };

describe('PublicTunnel', () => {
  let target: Awaited<ReturnType<typeof startTargetServer>>;
  let server: LocaltunnelServer | undefined;
  let tunnel: PublicTunnel | undefined;
  let escaped: ReturnType<typeof watchEscapedErrors>;

  beforeEach(async () => {
    escaped = watchEscapedErrors();
    target = await startTargetServer();
  });

  afterEach(async () => {
    tunnel?.dispose();
    tunnel = undefined;
    await server?.close();
    server = undefined;
    await target.close();
    escaped.dispose();
    assert.deepEqual(escaped.errors, [], 'the tunnel let an error escape (uncaught exception or unhandled rejection)');
  });

  function createTunnel(options: Partial<PublicTunnelOptions> = {}): PublicTunnel {
    tunnel = new PublicTunnel({ localPort: target.port, localHost: '127.0.0.1', host: server?.url, reconnect: fastReconnect, ...options });
    return tunnel;
  }

  async function post(url: string, body: Buffer | string, path = '/hooks/github?x=1') {
    return send(`${url}${path}`, { body, headers: { 'content-type': 'application/octet-stream' }, agent: noKeepAlive });
  }

  it('carries a POST byte-exact to the local server and its answer back', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel();
    const { states } = recordStates(publicTunnel);
    const url = await publicTunnel.start();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(publicTunnel.url, url);
    assert.deepEqual(states, [{ kind: 'connecting' }, { kind: 'open', url }]);

    const body = JSON.stringify({ action: 'opened', note: 'héllo ✓ 🚀', n: 1 });
    const res = await post(url, body);
    assert.equal(res.status, 201);
    assert.deepEqual(JSON.parse(res.body.toString()), { received: Buffer.byteLength(body) });
    const [delivery] = target.received;
    assert.equal(delivery.method, 'POST');
    assert.equal(delivery.url, '/hooks/github?x=1');
    assert.ok(delivery.body.equals(Buffer.from(body)));
  });

  it('carries bodies that are not UTF-8 byte-exact', async () => {
    server = await LocaltunnelServer.start();
    const url = await createTunnel().start();
    const body = Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x0d, 0x0a, 0xe2, 0x82]);
    const res = await post(url, body);
    assert.equal(res.status, 201);
    assert.ok(target.received[0].body.equals(body), `arrived as ${target.received[0].body.toString('hex')}`);
  });

  it('carries a large body and several requests in a row', async () => {
    server = await LocaltunnelServer.start();
    const url = await createTunnel().start();
    const large = Buffer.alloc(512 * 1024, 'abcdefghij');
    for (let i = 0; i < 3; i++) {
      const res = await post(url, large, `/hooks/${i}`);
      assert.equal(res.status, 201);
    }
    assert.deepEqual(target.received.map((r) => r.url), ['/hooks/0', '/hooks/1', '/hooks/2']);
    assert.ok(target.received.every((r) => r.body.equals(large)));
  });

  it('reconnects after the server dies and comes back, without an uncaught error, and reports the new URL', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel();
    const recorder = recordStates(publicTunnel);
    const firstUrl = await publicTunnel.start();
    const port = server.port;

    const reconnecting = recorder.next('reconnecting');
    await server.close();
    const lost = (await reconnecting) as Extract<TunnelState, { kind: 'reconnecting' }>;
    assert.equal(lost.attempt, 1);
    // The first attempt's scheduled delay (not a measured time): equal jitter over the initial delay.
    assert.ok(lost.nextDelayMs >= fastReconnect.initialDelayMs / 2 && lost.nextDelayMs <= fastReconnect.initialDelayMs, `delay ${lost.nextDelayMs}`);
    assert.ok(lost.reason.length > 0);
    assert.equal(publicTunnel.url, undefined);

    await delay(150); // a few failed attempts against the dead server
    const reopened = recorder.next('open');
    server = await LocaltunnelServer.start({ port });
    const open = (await reopened) as Extract<TunnelState, { kind: 'open' }>;
    assert.notEqual(open.url, firstUrl);
    assert.equal(open.previousUrl, firstUrl);
    assert.equal(publicTunnel.url, open.url);

    const res = await post(open.url, '{"after":"reconnect"}');
    assert.equal(res.status, 201);
    assert.equal(target.received.at(-1)?.body.toString(), '{"after":"reconnect"}');
  });

  it('gives up with a failed state within giveUpAfterMs when the server never comes back', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel({ reconnect: { initialDelayMs: 20, maxDelayMs: 60, giveUpAfterMs: 400 } });
    const recorder = recordStates(publicTunnel);
    await publicTunnel.start();
    await server.close();
    server = undefined;
    const failed = (await recorder.next('failed', 5000)) as Extract<TunnelState, { kind: 'failed' }>;
    const failedAt = Date.now();
    assert.match(failed.reason, /gave up/);
    const retries = recorder.states.filter((s): s is Extract<TunnelState, { kind: 'reconnecting' }> => s.kind === 'reconnecting');
    assert.ok(retries.length >= 3, `only ${retries.length} attempts`);
    assert.deepEqual(retries.map((r) => r.attempt), retries.map((_, i) => i + 1));
    // One outage, one deadline, announced by every retry and not given up before it.
    assert.equal(new Set(retries.map((r) => r.giveUpAt)).size, 1);
    assert.ok(failedAt >= retries[0].giveUpAt);
  });

  it('rejects start() with the failed reason when the server is not there at all', async () => {
    const dead = await LocaltunnelServer.start();
    const host = dead.url;
    await dead.close();
    const publicTunnel = createTunnel({ host, reconnect: { initialDelayMs: 20, maxDelayMs: 40, giveUpAfterMs: 250 } });
    await assert.rejects(publicTunnel.start(), /failed: no tunnel for 0\.3 s, gave up; last problem: could not open a tunnel/);
    assert.equal(publicTunnel.state.kind, 'failed');
  });

  it('fails at once, with the server message, when the server refuses the request', async () => {
    server = await LocaltunnelServer.start({ refuse: { status: 403, message: 'Invalid subdomain. Subdomains must be lowercase' } });
    const publicTunnel = createTunnel({ subdomain: 'BAD' });
    const recorder = recordStates(publicTunnel);
    await assert.rejects(publicTunnel.start(), /Invalid subdomain/);
    assert.deepEqual(recorder.states.map((s) => s.kind), ['connecting', 'failed']);
    assert.equal(server.handshakes.length, 1);
  });

  it('requests the subdomain when one is set', async () => {
    server = await LocaltunnelServer.start();
    const url = await createTunnel({ subdomain: 'my-webhooks' }).start();
    assert.deepEqual(server.handshakes, ['/my-webhooks']);
    assert.equal((await post(url, 'x')).status, 201);
  });

  it('asks for a new tunnel when no subdomain is set', async () => {
    server = await LocaltunnelServer.start();
    await createTunnel().start();
    assert.deepEqual(server.handshakes, ['/?new']);
  });

  it('stop() closes the tunnel and nothing reconnects afterwards', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel();
    const recorder = recordStates(publicTunnel);
    const url = await publicTunnel.start();
    await publicTunnel.stop();
    assert.deepEqual(publicTunnel.state, { kind: 'closed' });
    assert.equal(publicTunnel.url, undefined);
    await delay(300);
    assert.deepEqual(recorder.states.map((s) => s.kind), ['connecting', 'open', 'closed']);
    assert.deepEqual(server.handshakes, ['/?new']);
    assert.equal(server.clientSockets, 0);
    assert.equal((await post(url, 'nobody home', '/late')).status, 502);
    assert.equal(target.received.length, 0);
  });

  it('stop() while reconnecting ends the retries', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel();
    const recorder = recordStates(publicTunnel);
    await publicTunnel.start();
    const port = server.port;
    const reconnecting = recorder.next('reconnecting');
    await server.close();
    await reconnecting;
    await publicTunnel.stop();
    server = await LocaltunnelServer.start({ port });
    await delay(300);
    assert.deepEqual(server.handshakes, []);
    assert.equal(recorder.states.at(-1)?.kind, 'closed');
  });

  it('stop() before the first open rejects the pending start()', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel();
    const started = publicTunnel.start();
    await publicTunnel.stop();
    await assert.rejects(started, /stopped before it opened/);
    await delay(100);
    assert.equal(publicTunnel.state.kind, 'closed');
  });

  it('can be started again after it was stopped', async () => {
    server = await LocaltunnelServer.start();
    const publicTunnel = createTunnel();
    await publicTunnel.start();
    await publicTunnel.stop();
    const url = await publicTunnel.start();
    assert.equal((await post(url, 'again')).status, 201);
    assert.equal(server.handshakes.length, 2);
  });
});
