import * as assert from 'node:assert/strict';
import { DEFAULT_LIVENESS, PublicTunnel } from '../../../src/core';
import type { TunnelState } from '../../../src/core';
import { longestUnnoticedHangMs } from '../../../src/core/tunnel/tunnelLiveness';
import { send } from '../../support/httpClient';
import { LocaltunnelServer } from '../../support/localtunnelServer';
import { LocaltunnelServerProcess } from '../../support/localtunnelServerProcess';
import { noKeepAlive, recordStates, startTargetServer, until, watchEscapedErrors } from '../../support/tunnelTestKit';
import type { TargetServer } from '../../support/tunnelTestKit';

type Retry = Extract<TunnelState, { kind: 'reconnecting' }>;

const quickProbe = { intervalMs: 200, timeoutMs: 300, failuresBeforeLost: 2 };

describe('PublicTunnel when the tunnel server hangs', function () {
  this.timeout(30_000);
  let target: TargetServer;
  let tunnel: PublicTunnel | undefined;
  let escaped: ReturnType<typeof watchEscapedErrors>;

  beforeEach(async () => {
    escaped = watchEscapedErrors();
    target = await startTargetServer();
  });

  afterEach(async () => {
    tunnel?.dispose();
    tunnel = undefined;
    await target.close();
    escaped.dispose();
    assert.deepEqual(escaped.errors, [], 'an error escaped (uncaught exception or unhandled rejection)');
  });

  const post = (url: string, body: string) => send(`${url}/hooks`, { body, agent: noKeepAlive });

  it('notices a frozen server, leaves "open", retries with growing delays, and opens again when it answers', async () => {
    const serverProcess = await LocaltunnelServerProcess.start();
    try {
      tunnel = new PublicTunnel({
        localPort: target.port,
        localHost: '127.0.0.1',
        host: serverProcess.url,
        liveness: quickProbe,
        handshakeTimeoutMs: 300,
        reconnect: { initialDelayMs: 100, maxDelayMs: 1_600, giveUpAfterMs: 60_000 },
      });
      const recorder = recordStates(tunnel);
      const retries = (): Retry[] => recorder.states.filter((s): s is Retry => s.kind === 'reconnecting');
      const url = await tunnel.start();
      assert.equal((await post(url, 'before')).status, 201);

      serverProcess.freeze(); // its kernel still accepts and acknowledges; nothing answers
      const lost = (await recorder.next('reconnecting', 20_000)) as Retry;
      assert.match(lost.reason, /did not answer its status check 2 times in a row \(no complete answer within 300 ms\)/);
      assert.equal(tunnel.url, undefined);

      await until(() => retries().length >= 4);
      const frozen = retries();
      assert.deepEqual(frozen.map((r) => r.attempt).slice(0, 4), [1, 2, 3, 4]);
      for (const retry of frozen.slice(1)) assert.match(retry.reason, /no complete answer within 300 ms/);
      // Below the cap, attempt n waits between 100·2ⁿ⁻² and 100·2ⁿ⁻¹ ms: each at least as long as the one before.
      for (let i = 1; i < 4; i++) assert.ok(frozen[i].nextDelayMs >= frozen[i - 1].nextDelayMs, `delays ${frozen.map((r) => r.nextDelayMs).join(', ')}`);

      const reopened = recorder.next('open', 20_000);
      serverProcess.thaw();
      const open = (await reopened) as Extract<TunnelState, { kind: 'open' }>;
      assert.equal((await post(open.url, 'after')).status, 201);
      assert.deepEqual(target.received.map((r) => r.body.toString()), ['before', 'after']);
    } finally {
      await serverProcess.stop();
    }
  });

  it('counts any answer below 500 as alive, so a server without the status endpoint is not reconnected', async () => {
    const server = await LocaltunnelServer.start({ withoutStatusApi: true });
    try {
      tunnel = new PublicTunnel({ localPort: target.port, localHost: '127.0.0.1', host: server.url, liveness: { ...quickProbe, intervalMs: 20 } });
      const url = await tunnel.start();
      await until(() => server.statusRequests.length >= 5); // each answered 404
      assert.ok(server.statusRequests.every((path) => /^\/api\/tunnels\/[0-9a-f]+\/status$/.test(path)), server.statusRequests.join(' '));
      assert.equal(tunnel.state.kind, 'open');
      assert.equal(server.handshakes.length, 1);
      assert.equal((await post(url, 'still open')).status, 201);
    } finally {
      await server.close();
    }
  });

  it('with the default settings, a hang is noticed within 60 s', () => {
    assert.deepEqual(DEFAULT_LIVENESS, { intervalMs: 15_000, timeoutMs: 10_000, failuresBeforeLost: 2 });
    assert.equal(longestUnnoticedHangMs(DEFAULT_LIVENESS), 35_000);
  });
});
