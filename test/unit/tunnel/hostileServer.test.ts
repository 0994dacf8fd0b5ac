import * as assert from 'node:assert/strict';
import { PublicTunnel } from '../../../src/core';
import type { PublicTunnelOptions, TunnelState } from '../../../src/core';
import { MAX_TUNNEL_SERVER_ANSWER_BYTES } from '../../../src/core/tunnel/tunnelServerRequest';
import { MAX_TUNNEL_SOCKETS } from '../../../src/core/tunnel/tunnelSocketPool';
import { send } from '../../support/httpClient';
import { LocaltunnelServer } from '../../support/localtunnelServer';
import type { LocaltunnelServerOptions } from '../../support/localtunnelServer';
import { MB, measurePeakMemoryGrowth, noKeepAlive, recordStates, startTargetServer, until, watchEscapedErrors } from '../../support/tunnelTestKit';
import type { TargetServer } from '../../support/tunnelTestKit';

type Retry = Extract<TunnelState, { kind: 'reconnecting' }>;

/** What a hostile server may cost the extension host, at most. */
const MEMORY_BUDGET_BYTES = 50 * MB;

describe('PublicTunnel against a hostile or broken tunnel server', function () {
  this.timeout(30_000);
  let target: TargetServer;
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
    assert.deepEqual(escaped.errors, [], 'an error escaped (uncaught exception or unhandled rejection)');
  });

  async function startAgainst(serverOptions: LocaltunnelServerOptions, options: Partial<PublicTunnelOptions> = {}) {
    server = await LocaltunnelServer.start(serverOptions);
    tunnel = new PublicTunnel({
      localPort: target.port,
      localHost: '127.0.0.1',
      host: server.url,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200, giveUpAfterMs: 60_000 },
      ...options,
    });
    const recorder = recordStates(tunnel);
    const retries = (): Retry[] => recorder.states.filter((s): s is Retry => s.kind === 'reconnecting');
    return { tunnel, server, recorder, retries };
  }

  it('cuts off a handshake answer that never ends at the size cap, every time, with bounded memory', async () => {
    const { tunnel, retries } = await startAgainst({ hostileHandshake: { kind: 'endless' } });
    const { peakGrowthBytes } = await measurePeakMemoryGrowth(async () => {
      void tunnel.start().catch(() => undefined);
      await until(() => retries().length >= 5);
    });
    for (const retry of retries()) assert.match(retry.reason, new RegExp(`answer was larger than ${MAX_TUNNEL_SERVER_ANSWER_BYTES} bytes`));
    assert.ok(peakGrowthBytes < MEMORY_BUDGET_BYTES, `memory grew by ${(peakGrowthBytes / MB).toFixed(1)} MB`);
  });

  it('gives a handshake answer that drips one byte at a time a deadline for the whole answer', async () => {
    const { tunnel, server, retries } = await startAgainst({ hostileHandshake: { kind: 'drip', intervalMs: 50 } }, { handshakeTimeoutMs: 300 });
    const { peakGrowthBytes } = await measurePeakMemoryGrowth(async () => {
      void tunnel.start().catch(() => undefined);
      await until(() => retries().length >= 3);
    });
    for (const retry of retries()) assert.match(retry.reason, /no complete answer within 300 ms/);
    assert.ok(server.handshakes.length >= 3);
    assert.ok(peakGrowthBytes < MEMORY_BUDGET_BYTES, `memory grew by ${(peakGrowthBytes / MB).toFixed(1)} MB`);
  });

  for (const offered of [1e5, 1e8]) {
    it(`opens at most ${MAX_TUNNEL_SOCKETS} sockets when the server offers max_conn_count ${offered}, and works`, async () => {
      const { tunnel, server } = await startAgainst({ maxConnCount: offered });
      const { result: url, peakGrowthBytes } = await measurePeakMemoryGrowth(async () => {
        const url = await tunnel.start();
        await until(() => server.clientSockets === MAX_TUNNEL_SOCKETS);
        return url;
      });
      assert.equal(server.tunnelSocketsAccepted, MAX_TUNNEL_SOCKETS);
      assert.ok(peakGrowthBytes < MEMORY_BUDGET_BYTES, `memory grew by ${(peakGrowthBytes / MB).toFixed(1)} MB`);
      const res = await send(`${url}/hooks`, { body: 'still works', agent: noKeepAlive });
      assert.equal(res.status, 201);
      assert.equal(target.received[0].body.toString(), 'still works');
      assert.ok(server.clientSockets <= MAX_TUNNEL_SOCKETS);
    });
  }

  it('backs off, then calls the tunnel lost, when the server closes every tunnel socket at once', async () => {
    const { tunnel, server, retries } = await startAgainst(
      { closeTunnelSockets: true, maxConnCount: 10 },
      { socketReopen: { initialDelayMs: 50, maxDelayMs: 200 }, noSocketTimeoutMs: 60_000 },
    );
    const { peakGrowthBytes } = await measurePeakMemoryGrowth(async () => {
      void tunnel.start().catch(() => undefined);
      await until(() => retries().length >= 3);
    });
    const lost = retries();
    for (const retry of lost) assert.match(retry.reason, /closed every tunnel socket 3 times in a row/);
    // The brief opens in between do not count as recovery: the backoff keeps growing.
    assert.deepEqual(lost.slice(0, 3).map((r) => r.attempt), [1, 2, 3]);
    // Each handshake's sockets are turned away about three times each before the tunnel is
    // given up on (localtunnel's client reopens them at once, forever: ~2,500 a second).
    const perHandshake = server.tunnelSocketsAccepted / server.handshakes.length;
    assert.ok(perHandshake <= 5 * 10, `${server.tunnelSocketsAccepted} sockets for ${server.handshakes.length} handshakes`);
    assert.ok(peakGrowthBytes < MEMORY_BUDGET_BYTES, `memory grew by ${(peakGrowthBytes / MB).toFixed(1)} MB`);
  });
});
