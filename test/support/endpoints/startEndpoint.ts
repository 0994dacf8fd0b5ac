import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { EndpointSpec } from './endpointMain';

export interface RunningEndpoint {
  /** Base URL: http://127.0.0.1:<port> */
  origin: string;
  /** How many deliveries the reference handler processed (its side effect), read over HTTP. */
  processed: () => Promise<string>;
  close(): Promise<void>;
}

/** Starts an endpoint in a child process and resolves once it listens. */
export function startEndpoint(spec: EndpointSpec, env: Record<string, string> = {}): Promise<RunningEndpoint> {
  const child: ChildProcess = fork(path.join(__dirname, 'endpointMain.js'), [], {
    env: { ...process.env, ...env, ENDPOINT_SPEC: JSON.stringify(spec) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the endpoint process exited with ${code} before listening`)));
    child.once('message', (message: { port: number }) => {
      child.removeAllListeners('exit');
      const origin = `http://127.0.0.1:${message.port}`;
      resolve({
        origin,
        processed: async () => (await fetch(`${origin}/_processed`)).text(),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}
