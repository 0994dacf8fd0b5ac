// The per-event functions of generated handlers, as the tests fill them in, report every call here
// over HTTP (see probeInjection.ts): which app, which function, which event. The test decides how
// each call ends — it returns, it throws, or it waits until released — so ordering is asserted with
// signals, never with sleeps.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProbeCall {
  app: string;
  fn: string;
  event: unknown;
}

export type ProbeOutcome = 'return' | 'throw';

interface Held {
  call: ProbeCall;
  release(outcome: ProbeOutcome): void;
}

export class HandlerProbe {
  private readonly server = http.createServer((req, res) => this.receive(req, res));
  private readonly calls: ProbeCall[] = [];
  private readonly waiters: Array<{ app: string; index: number; resolve(call: ProbeCall): void }> = [];
  /** Outcomes the next calls of an app get, in order; a call with none planned returns. */
  private readonly plans = new Map<string, Array<ProbeOutcome | 'hold'>>();
  private readonly held: Held[] = [];
  private failures = 0;
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/call`;
  }

  async close(): Promise<void> {
    for (const held of this.held.splice(0)) held.release('return');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call of `app` throws, or waits for `release` ('hold'). */
  plan(app: string, outcome: ProbeOutcome | 'hold'): void {
    this.plans.set(app, [...(this.plans.get(app) ?? []), outcome]);
  }

  /** How many calls `app` has made so far. */
  count(app: string): number {
    return this.calls.filter((call) => call.app === app).length;
  }

  callsOf(app: string): ProbeCall[] {
    return this.calls.filter((call) => call.app === app);
  }

  /** Resolves with the call number `index` (0-based) of `app`, as soon as it has been made. */
  nthCall(app: string, index: number): Promise<ProbeCall> {
    const made = this.callsOf(app);
    if (made.length > index) return Promise.resolve(made[index]);
    return new Promise((resolve) => this.waiters.push({ app, index, resolve }));
  }

  /** The token the next planned failure will carry. */
  nextFailure(): string {
    return `probe failure ${this.failures + 1}`;
  }

  /** Ends the held call of `app` (the oldest one). */
  release(app: string, outcome: ProbeOutcome = 'return'): void {
    const index = this.held.findIndex((held) => held.call.app === app);
    if (index === -1) throw new Error(`no held call of ${app}`);
    this.held.splice(index, 1)[0].release(outcome);
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ProbeCall;
      // A failure carries a token the function's error message repeats, so the test can find its log line.
      const answer = (outcome: ProbeOutcome) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ fail: outcome === 'throw' ? `probe failure ${++this.failures}` : null }));
      const outcome = this.plans.get(call.app)?.shift() ?? 'return';
      this.calls.push(call);
      if (outcome === 'hold') this.held.push({ call, release: answer });
      else answer(outcome);
      for (const waiter of this.waiters.splice(0)) {
        const made = this.callsOf(waiter.app);
        if (made.length > waiter.index) waiter.resolve(made[waiter.index]);
        else this.waiters.push(waiter);
      }
    });
  }
}
