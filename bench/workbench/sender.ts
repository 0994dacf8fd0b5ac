// An open-loop sender, run as its own process: delivery i leaves at start + i / rate whatever happened
// to the earlier ones (a provider's fleet does not wait for our answers), so a delivery's latency is
// counted from when it was due and includes any queueing behind a slow receiver.
//   forked once by bench/workbench/main.ts, which posts a BurstPlan per burst and gets a BurstResult back.
import * as http from 'node:http';
import { burstBody, burstPath } from './burstDeliveries';

const ANSWER_TIMEOUT_MS = 60_000;

export interface BurstPlan {
  port: number;
  run: number;
  count: number;
  perSecond: number;
}

export interface BurstResult {
  /** Milliseconds from each delivery's due time to the end of its answer; -1 for a failure. */
  latencies: number[];
  /** How late the sender itself put each delivery on the wire (its own health). */
  maxSendLagMs: number;
  non2xx: number;
  errors: string[];
  startedAt: number;
  /** Wall-clock time (Date.now) when the last-due delivery's 2xx answer ended. */
  lastAnsweredAt: number;
}

function runBurst(plan: BurstPlan): Promise<BurstResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const latencies = new Array<number>(plan.count).fill(-1);
  const errors: string[] = [];
  let non2xx = 0;
  let maxSendLagMs = 0;
  let lastAnsweredAt = 0;
  let settled = 0;
  const interval = 1000 / plan.perSecond;
  const startedAt = Date.now();
  const start = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      if (++settled < plan.count) return;
      agent.destroy();
      resolve({ latencies, maxSendLagMs, non2xx, errors: errors.slice(0, 10), startedAt, lastAnsweredAt });
    };
    const send = (i: number, due: number) => {
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
      const body = burstBody(plan.run, i);
      const request = http.request(
        { host: '127.0.0.1', port: plan.port, method: 'POST', path: burstPath(plan.run, i), agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'workbench-bench/1.0', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            const ok = response.statusCode! >= 200 && response.statusCode! < 300;
            if (ok) latencies[i] = performance.now() - due;
            else non2xx += 1;
            if (ok && i === plan.count - 1) lastAnsweredAt = Date.now();
            finish();
          });
        },
      );
      // A delivery the receiver never answers is a failure, not a hang of the bench.
      request.setTimeout(ANSWER_TIMEOUT_MS, () => request.destroy(new Error(`no answer in ${ANSWER_TIMEOUT_MS / 1000} s`)));
      request.on('error', (error) => {
        errors.push(`${i}: ${error.message}`);
        finish();
      });
      request.end(body);
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < plan.count && start + next * interval <= now) {
        send(next, start + next * interval);
        next += 1;
      }
      if (next < plan.count) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
}

// One process for every burst of a run, so its own start-up and JIT warm-up (the warm-up burst
// pays them) do not count against the receiver.
process.on('message', (plan: BurstPlan) => {
  void runBurst(plan).then((result) => process.send!(result));
});
process.on('disconnect', () => process.exit(0));
