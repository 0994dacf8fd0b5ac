// Throughput and latency of the receiver (capturing to disk) against a bare node:http server that
// only answers 200, in the same run, alternating rounds so machine noise hits both alike. A third
// server, the minimal durable append, shows how close any server can come while answering after the write.
//   node out/bench/receiver.js [seconds=10] [rounds=3] [folder for the captures=OS temp dir]
// Figures are medians over the rounds: one round slowed by a neighbour on a shared machine does not move them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureStore } from '../src/core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  duration: number;
}

const seconds = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 3);
const captureRoot = process.argv[4] ?? os.tmpdir();
const body = JSON.stringify(payloadOfAbout(2048));

type Kind = 'bare' | 'minimal' | 'receiver' | 'evicting';

async function startServer(kind: Kind, folder: string): Promise<{ child: ChildProcess; port: number; cpuMicros: () => number }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'receiverServer.js'), kind, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /port (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port, cpuMicros: () => Number(/cpu (\d+)/.exec(output)?.[1] ?? NaN) };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function load(port: number): Promise<AutocannonResult> {
  return autocannon({
    url: `http://127.0.0.1:${port}/webhooks/bench`,
    method: 'POST',
    connections: 50,
    duration: seconds,
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'user-agent': 'GitHub-Hookshot/bench' },
    body,
  });
}

async function main(): Promise<void> {
  const totals: Record<Kind, AutocannonResult[]> = { bare: [], minimal: [], receiver: [], evicting: [] };
  const cpu: Record<Kind, number[]> = { bare: [], minimal: [], receiver: [], evicting: [] };
  let lost = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const kind of ['bare', 'minimal', 'evicting', 'receiver'] as const) {
      const folder = fs.mkdtempSync(path.join(captureRoot, 'webhook-workbench-bench-'));
      const { child, port, cpuMicros } = await startServer(kind, folder);
      const result = await load(port);
      await stopServer(child);
      totals[kind].push(result);
      const perRequest = cpuMicros() / (result['2xx'] + result.non2xx);
      cpu[kind].push(perRequest);
      let line = `round ${round} ${kind.padEnd(8)}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, server CPU ${perRequest.toFixed(1)} µs/request, 2xx ${result['2xx']}, errors ${result.errors}`;
      if (kind === 'receiver') {
        const store = await CaptureStore.open({ folder, retention: 10_000_000 });
        const missing = result['2xx'] - store.size;
        lost += Math.max(0, missing);
        line += `, captures on disk ${store.size}`;
        await store.close();
      }
      fs.rmSync(folder, { recursive: true, force: true });
      console.log(line);
    }
  }
  const typical = (rs: AutocannonResult[], pick: (r: AutocannonResult) => number) => median(rs.map(pick));
  const r = typical(totals.receiver, (x) => x.requests.average);
  const b = typical(totals.bare, (x) => x.requests.average);
  const rp99 = typical(totals.receiver, (x) => x.latency.p99);
  const bp99 = typical(totals.bare, (x) => x.latency.p99);
  const cpuRatio = median(cpu.bare) / median(cpu.receiver);
  const m = typical(totals.minimal, (x) => x.requests.average);
  const e = typical(totals.evicting, (x) => x.requests.average);
  console.log(`receiver at the default retention (1,000 kept, the rest evicted as it goes): ${Math.round(e)} req/s, ratio ${(e / b).toFixed(2)}, server CPU ${median(cpu.evicting).toFixed(1)} µs/request`);
  console.log(`minimal durable append (the floor of answering after the write): ${Math.round(m)} req/s, ratio ${(m / b).toFixed(2)}, server CPU ${median(cpu.minimal).toFixed(1)} µs/request`);
  console.log(`server CPU per request: receiver ${median(cpu.receiver).toFixed(1)} µs vs bare ${median(cpu.bare).toFixed(1)} µs (bare/receiver ${cpuRatio.toFixed(2)})`);
  console.log(`receiver: ${Math.round(r)} req/s vs bare ${Math.round(b)} req/s, ratio ${(r / b).toFixed(2)}, p99 ${rp99.toFixed(1)} ms vs ${bp99.toFixed(1)} ms, lost ${lost}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function payloadOfAbout(bytes: number): unknown {
  const commits = [];
  while (JSON.stringify(commits).length < bytes - 300) {
    commits.push({ id: 'a'.repeat(40), message: 'Fix the thing that broke', author: { name: 'Octo Cat', email: 'octo@example.com' }, added: ['src/a.ts'] });
  }
  return { ref: 'refs/heads/main', before: '0'.repeat(40), after: 'f'.repeat(40), repository: { id: 1, full_name: 'octo/hello' }, commits };
}

void main();
