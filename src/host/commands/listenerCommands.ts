import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { ListenerController } from '../listenerController';
import { registerCommand } from './registerCommand';

export function curlExample(url: string): string {
  return `curl -X POST '${url}/webhooks/test' -H 'content-type: application/json' -d '{"type":"test.event","data":{"hello":"world"}}'`;
}

export function registerListenerCommands(controller: ListenerController, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const requireAddress = () => {
    const address = controller.address;
    if (!address) throw new Error('The webhook listener is not running. Start it first.');
    return address;
  };
  return [
    registerCommand(CommandIds.startListener, async () => {
      const address = await controller.start();
      if (address) void vscode.window.setStatusBarMessage(`$(radio-tower) Listening for webhooks on ${address.url}`, 5000);
      return address;
    }, log),
    registerCommand(CommandIds.listenOnFreePort, async () => {
      const address = await controller.listenOnFreePort();
      if (address) void vscode.window.setStatusBarMessage(`$(radio-tower) Listening for webhooks on ${address.url}`, 5000);
      return address;
    }, log),
    registerCommand(CommandIds.stopListener, () => controller.stop(), log),
    registerCommand(CommandIds.copyListenerUrl, async () => {
      const { url } = requireAddress();
      await vscode.env.clipboard.writeText(url);
      void vscode.window.setStatusBarMessage(`Copied ${url}`, 3000);
      return url;
    }, log),
    registerCommand(CommandIds.copyCurlExample, async () => {
      const command = curlExample(requireAddress().url);
      await vscode.env.clipboard.writeText(command);
      void vscode.window.setStatusBarMessage('Copied a curl command; paste it into a terminal', 3000);
      return command;
    }, log),
    registerCommand(CommandIds.showListenerMenu, async () => {
      const address = controller.address;
      const items: Array<vscode.QuickPickItem & { command: string }> = address
        ? [
            { label: '$(copy) Copy Listener URL', description: address.url, command: CommandIds.copyListenerUrl },
            { label: '$(terminal) Copy curl Example', command: CommandIds.copyCurlExample },
            { label: '$(debug-stop) Stop Webhook Listener', command: CommandIds.stopListener },
            { label: '$(list-tree) Reveal Captured Webhooks', command: 'webhookWorkbench.captures.focus' },
          ]
        : [
            { label: '$(play) Start Webhook Listener', command: CommandIds.startListener },
            { label: '$(list-tree) Reveal Captured Webhooks', command: 'webhookWorkbench.captures.focus' },
          ];
      const choice = await vscode.window.showQuickPick(items, { title: 'Webhook Listener', placeHolder: address ? `Listening on ${address.url}` : 'Stopped' });
      if (choice) await vscode.commands.executeCommand(choice.command);
    }, log),
  ];
}
