import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureStore, DEFAULT_RESPONSE, PublicTunnel, WebhookReceiver } from '../../../src/core';
import type { TunnelState } from '../../../src/core';
import { send } from '../../support/httpClient';
import { LocaltunnelServer } from '../../support/localtunnelServer';
import { LocaltunnelServerProcess } from '../../support/localtunnelServerProcess';
import { delay, noKeepAlive, recordStates, watchEscapedErrors } from '../../support/tunnelTestKit';

/*
 * The tunnel under the timing users meet, with every default as shipped: the receiver's 10 s header
 * timeout and 5 s keep-alive, the tunnel's probe and backoff settings. Deliveries arrive after idle
 * gaps of 0, 5, 12, 30 and 120 s, through the real client and the loopback localtunnel-protocol
 * server, into the real receiver and store. The scenarios run side by side (one tunnel each), so
 * the file takes about two minutes; it is its own stage of `npm test`:
 *   node esbuild.js --tests && npx mocha --config test/unit/tunnel/.mocharc.timing.json
 */

interface GapScenario {
  /** Seconds of silence before each delivery (the first one counts from the tunnel opening). */
  readonly gapSeconds: number;
  readonly deliveries: number;
  /** A sender that keeps its connection for the next delivery, or opens one per delivery. */
  readonly keepAlive: boolean;
}

// Each row fits in about 120 s. At 5 s a keep-alive sender would race the receiver's own 5 s
// keep-alive close, which fails the same way without any tunnel, so that row opens a connection per delivery.
const SCENARIOS: GapScenario[] = [
  { gapSeconds: 0, deliveries: 8, keepAlive: true },
  { gapSeconds: 5, deliveries: 8, keepAlive: false },
  { gapSeconds: 12, deliveries: 8, keepAlive: true },
  { gapSeconds: 30, deliveries: 4, keepAlive: false },
  { gapSeconds: 120, deliveries: 1, keepAlive: true },
];

interface GapOutcome {
  readonly answers: Array<{ status: number; body: string }>;
  readonly sent: string[];
  readonly states: TunnelState[];
}

describe('Public tunnel after real idle gaps, with the shipped defaults', function () {
  this.timeout(240_000);
  let folder: string;
  let store: CaptureStore;
  let receiver: WebhookReceiver;
  let server: LocaltunnelServer;
  let escaped: ReturnType<typeof watchEscapedErrors>;
  const tunnels: PublicTunnel[] = [];
  const agents: http.Agent[] = [];
  const outcomes = new Map<number, Promise<GapOutcome>>();
  let hangNoticed: Promise<{ reason: string; afterMs: number }>;

  before(async () => {
    escaped = watchEscapedErrors();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-gaps-'));
    store = await CaptureStore.open({ folder, retention: 10_000 });
    // No timeout options: the receiver's defaults are the condition under test.
    receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024 * 1024, response: DEFAULT_RESPONSE });
    await receiver.listen();
    server = await LocaltunnelServer.start();
    // Everything starts now and runs side by side; each test below waits for its own outcome.
    for (const scenario of SCENARIOS) outcomes.set(scenario.gapSeconds, settled(runGaps(scenario)));
    hangNoticed = settled(noticeHang());
  });

  after(async () => {
    for (const tunnel of tunnels) tunnel.dispose();
    for (const agent of agents) agent.destroy();
    await server.close();
    await receiver.close();
    await store.close();
    fs.rmSync(folder, { recursive: true, force: true });
    escaped.dispose();
    assert.deepEqual(escaped.errors, [], 'an error escaped (uncaught exception or unhandled rejection)');
  });

  async function runGaps(scenario: GapScenario): Promise<GapOutcome> {
    const tunnel = new PublicTunnel({ localPort: receiver.address!.port, localHost: '127.0.0.1', host: server.url });
    tunnels.push(tunnel);
    const { states } = recordStates(tunnel);
    const url = await tunnel.start();
    const agent = scenario.keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : noKeepAlive;
    agents.push(agent);
    const answers: GapOutcome['answers'] = [];
    const sent: string[] = [];
    for (let i = 0; i < scenario.deliveries; i++) {
      await delay(scenario.gapSeconds * 1000);
      const body = JSON.stringify({ gap: scenario.gapSeconds, delivery: i, note: 'héllo ✓' });
      sent.push(body);
      const res = await send(`${url}/gap/${scenario.gapSeconds}/${i}`, { body, headers: { 'content-type': 'application/json' }, agent });
      answers.push({ status: res.status, body: res.body.toString() });
    }
    return { answers, sent, states };
  }

  /** A frozen server with the default probe: the requirement is that it is noticed within 60 s. */
  async function noticeHang(): Promise<{ reason: string; afterMs: number }> {
    const serverProcess = await LocaltunnelServerProcess.start();
    const tunnel = new PublicTunnel({ localPort: receiver.address!.port, localHost: '127.0.0.1', host: serverProcess.url });
    tunnels.push(tunnel);
    try {
      const recorder = recordStates(tunnel);
      await tunnel.start();
      const frozenAt = Date.now();
      serverProcess.freeze();
      const lost = (await recorder.next('reconnecting', 60_000)) as Extract<TunnelState, { kind: 'reconnecting' }>;
      return { reason: lost.reason, afterMs: Date.now() - frozenAt };
    } finally {
      tunnel.dispose();
      await serverProcess.stop();
    }
  }

  for (const scenario of SCENARIOS) {
    const sender = scenario.keepAlive ? 'a keep-alive sender' : 'a connection per delivery';
    it(`answers and captures every delivery after ${scenario.gapSeconds} s idle (${scenario.deliveries}, ${sender})`, async () => {
      const { answers, sent, states } = await outcomes.get(scenario.gapSeconds)!;
      assert.deepEqual(
        answers.map((a) => a.status),
        answers.map(() => 200),
        `answers: ${answers.map((a) => `${a.status} ${a.body}`).join(' | ')}`,
      );
      const captured = store.list().filter((c) => c.url.startsWith(`/gap/${scenario.gapSeconds}/`));
      const bodies = await Promise.all(captured.map(async (c) => Buffer.from((await store.readBody(c.id)) ?? []).toString()));
      assert.deepEqual(bodies.sort(), [...sent].sort());
      assert.deepEqual(states.map((s) => s.kind), ['connecting', 'open'], 'the tunnel stayed open throughout');
    });
  }

  it('notices a frozen server within 60 s with the default probe settings', async () => {
    const { reason, afterMs } = await hangNoticed;
    assert.match(reason, /did not answer its status check 2 times in a row/);
    console.log(`      (noticed ${(afterMs / 1000).toFixed(1)} s after the freeze)`);
  });
});

/** Starts work now without an unhandled rejection if it fails before a test awaits it. */
function settled<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
