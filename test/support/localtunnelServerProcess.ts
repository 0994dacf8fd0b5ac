import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { LocaltunnelServer } from './localtunnelServer';

/**
 * The loopback localtunnel server in a child process, so a test can freeze it with SIGSTOP the
 * way a hung server freezes: its kernel still accepts connections and ACKs bytes, nothing answers.
 */
export class LocaltunnelServerProcess {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(): Promise<LocaltunnelServerProcess> {
    const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { url: string }).url));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the localtunnel server process exited (${code}) before it listened`)));
    });
    return new LocaltunnelServerProcess(child, url);
  }

  /** Freezes the process: sockets stay open, nothing is answered. */
  freeze(): void {
    this.child.kill('SIGSTOP');
  }

  thaw(): void {
    this.child.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL'); // also ends a frozen process
    await exited;
  }
}

if (require.main === module) {
  void LocaltunnelServer.start().then((server) => process.send?.({ url: server.url }));
  process.on('disconnect', () => process.exit(0));
}
