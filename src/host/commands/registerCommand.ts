import * as vscode from 'vscode';
import type { Logger } from '../../core';
import { CommandIds } from '../commandIds';
import { UsageHint } from './usageHint';

/**
 * Registers a command whose failures are logged once and shown once, with a way to the log,
 * instead of surfacing as an unhandled rejection. A UsageHint is shown as information.
 */
export function registerCommand(
  id: string,
  // Handlers declare the arguments their menus pass (a tree item, a URI); VS Code types none of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (...args: any[]) => unknown,
  log: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof UsageHint) {
        log.debug(`${id}: ${error.message}`);
        void vscode.window.showInformationMessage(error.message);
        return undefined;
      }
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Log')).then((choice) => {
        if (choice) void vscode.commands.executeCommand(CommandIds.showLog);
      });
      return undefined;
    }
  });
}
