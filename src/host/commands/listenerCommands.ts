import * as vscode from 'vscode';
import type { Logger } from '../../core';
import { CommandIds } from '../commandIds';
import type { ListenerController } from '../listenerController';
import { registerCommand } from './registerCommand';
import { UsageHint } from './usageHint';

export function curlExample(url: string): string {
  return `curl -X POST '${url}/webhooks/test' -H 'content-type: application/json' -d '{"type":"test.event","data":{"hello":"world"}}'`;
}

export function registerListenerCommands(controller: ListenerController, log: Logger): vscode.Disposable[] {
  const requireAddress = () => {
    const address = controller.address;
    if (!address) throw new UsageHint(vscode.l10n.t('The webhook listener is not running. Start it first.'));
    return address;
  };
  return [
    registerCommand(CommandIds.startListener, async () => {
      const address = await controller.start();
      if (address) void vscode.window.setStatusBarMessage(vscode.l10n.t('$(radio-tower) Listening for webhooks on {0}', address.url), 5000);
      return address;
    }, log),
    registerCommand(CommandIds.listenOnFreePort, async () => {
      const address = await controller.listenOnFreePort();
      if (address) void vscode.window.setStatusBarMessage(vscode.l10n.t('$(radio-tower) Listening for webhooks on {0}', address.url), 5000);
      return address;
    }, log),
    registerCommand(CommandIds.stopListener, () => controller.stop(), log),
    registerCommand(CommandIds.copyListenerUrl, async () => {
      const { url } = requireAddress();
      await vscode.env.clipboard.writeText(url);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', url), 3000);
      return url;
    }, log),
    registerCommand(CommandIds.copyCurlExample, async () => {
      const command = curlExample(requireAddress().url);
      await vscode.env.clipboard.writeText(command);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a curl command; paste it into a terminal'), 3000);
      return command;
    }, log),
    registerCommand(CommandIds.showListenerMenu, async () => {
      const address = controller.address;
      const items: Array<vscode.QuickPickItem & { command: string }> = address
        ? [
            { label: vscode.l10n.t('$(copy) Copy Listener URL'), description: address.url, command: CommandIds.copyListenerUrl },
            { label: vscode.l10n.t('$(terminal) Copy curl Example'), command: CommandIds.copyCurlExample },
            { label: vscode.l10n.t('$(debug-stop) Stop Webhook Listener'), command: CommandIds.stopListener },
            { label: vscode.l10n.t('$(list-tree) Reveal Captured Webhooks'), command: 'webhookWorkbench.captures.focus' },
          ]
        : [
            { label: vscode.l10n.t('$(play) Start Webhook Listener'), command: CommandIds.startListener },
            { label: vscode.l10n.t('$(list-tree) Reveal Captured Webhooks'), command: 'webhookWorkbench.captures.focus' },
          ];
      const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Webhook Listener'), placeHolder: address ? vscode.l10n.t('Listening on {0}', address.url) : vscode.l10n.t('Stopped') });
      if (choice) await vscode.commands.executeCommand(choice.command);
    }, log),
  ];
}
