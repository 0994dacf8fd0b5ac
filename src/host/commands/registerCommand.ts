import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

/**
 * Registers a command whose failures are logged once and shown once, with a way to the log,
 * instead of surfacing as an unhandled rejection.
 */
export function registerCommand(
  id: string,
  handler: (...args: any[]) => unknown,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Log')).then((choice) => {
        if (choice) void vscode.commands.executeCommand(CommandIds.showLog);
      });
      return undefined;
    }
  });
}
