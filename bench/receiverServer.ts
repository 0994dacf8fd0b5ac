// A server for bench/receiver: `bare` answers 200 after reading the body, `receiver` is the real
// WebhookReceiver with its journal-backed store keeping every capture (`evicting` keeps the
// extension's default 1,000 and evicts as it goes), and `minimal` is the least a server can do while
// still answering only after a durable append (see minimalDurableServer.ts). Prints its port; on
// SIGTERM prints the CPU time it used (every thread) and stops.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaptureStore, DEFAULT_RESPONSE, WebhookReceiver } from '../src/core';
import { minimalDurableServer } from './minimalDurableServer';

function reportCpu(): void {
  const { user, system } = process.cpuUsage();
  console.log(`cpu ${user + system}`);
}

async function main(): Promise<void> {
  const [kind, folder] = process.argv.slice(2);
  if (kind === 'bare') {
    const server = http.createServer((req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'));
    });
    server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as AddressInfo).port}`));
    process.on('SIGTERM', () => {
      reportCpu();
      server.close(() => process.exit(0));
    });
    return;
  }
  if (kind === 'minimal') {
    const log = fs.openSync(`${folder}/captures.log`, 'a');
    const server = minimalDurableServer(log);
    server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as AddressInfo).port}`));
    process.on('SIGTERM', () => {
      reportCpu();
      server.close(() => process.exit(0));
    });
    return;
  }
  const store = await CaptureStore.open({ folder, retention: kind === 'evicting' ? 1_000 : 10_000_000 });
  const receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 10 * 1024 * 1024, response: DEFAULT_RESPONSE });
  const { port } = await receiver.listen();
  console.log(`port ${port}`);
  process.on('SIGTERM', () => {
    reportCpu();
    void receiver
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}

void main();
