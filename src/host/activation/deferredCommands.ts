import * as vscode from 'vscode';

/**
 * Stand-ins for the commands of the parts that are composed once the capture store is open. The
 * first invocation opens the store; composing releases the stand-ins just before the real commands
 * are registered (same ids), and the call is then passed on to the real command with its arguments
 * (a tree node, a selection, options), in this extension host, so nothing is serialised.
 */
export class DeferredCommands implements vscode.Disposable {
  private registrations: vscode.Disposable[];

  constructor(
    ids: readonly string[],
    private readonly open: (why: string) => Promise<unknown>,
  ) {
    this.registrations = ids.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => this.forward(id, args)));
  }

  /** Called by the composition before it registers the real commands. */
  release(): void {
    for (const registration of this.registrations) registration.dispose();
    this.registrations = [];
  }

  dispose(): void {
    this.release();
  }

  private async forward(id: string, args: unknown[]): Promise<unknown> {
    await this.open(`command ${id}`);
    return vscode.commands.executeCommand(id, ...args);
  }
}
