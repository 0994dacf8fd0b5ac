import * as vscode from 'vscode';
import type { ForwardResult, Logger } from '../../core';
import { summarizeForward } from '../../core';
import { CommandIds } from '../commandIds';
import type { ForwardingController } from '../forwarding/forwardingController';
import { SETTINGS_SECTION } from '../settings/settingsSchema';
import type { TunnelController } from '../tunnel/tunnelController';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { forwardLabel } from '../views/captureTreeItems';
import { captureIdsOf } from './captureTargets';
import { registerCommand } from './registerCommand';
import { UsageHint } from './usageHint';

const LAST_REPLAY_URL = 'webhookWorkbench.lastReplayUrl';

function validUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : vscode.l10n.t('Use an http:// or https:// URL.');
  } catch {
    return vscode.l10n.t('Enter a full URL, e.g. http://localhost:3000/webhooks');
  }
}

export function registerRelayCommands(
  tunnel: TunnelController,
  forwarding: ForwardingController,
  treeView: vscode.TreeView<CaptureTreeNode>,
  state: vscode.Memento,
  log: Logger,
): vscode.Disposable[] {
  const replay = async (ids: string[], url: string, pathMode: 'keep' | 'target'): Promise<ForwardResult[]> => {
    if (!ids.length) throw new UsageHint(vscode.l10n.t('Select one or more captures to replay.'));
    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Replaying {0} capture(s) to {1}', ids.length, url), cancellable: true },
      async (progress, token) => {
        const done: ForwardResult[] = [];
        for (const id of ids) {
          if (token.isCancellationRequested) break;
          const result = await forwarding.send(id, url, pathMode);
          if (result) done.push(result);
          progress.report({ increment: 100 / ids.length });
        }
        return done;
      },
    );
    const failed = results.filter((r) => !r.ok).length;
    const last = results[results.length - 1];
    const summary = results.length === 1 && last ? forwardLabel(summarizeForward(last, Date.now())) : vscode.l10n.t('{0} answered, {1} failed', results.length - failed, failed);
    void (failed ? vscode.window.showWarningMessage(vscode.l10n.t('Replay to {0}: {1}', url, summary)) : vscode.window.setStatusBarMessage(vscode.l10n.t('$(debug-rerun) Replay to {0}: {1}', url, summary), 5000));
    return results;
  };

  return [
    registerCommand(CommandIds.startTunnel, () => tunnel.start(), log),
    registerCommand(CommandIds.stopTunnel, () => tunnel.stop(), log),
    registerCommand(CommandIds.copyTunnelUrl, async () => {
      const url = tunnel.url;
      if (!url) throw new UsageHint(vscode.l10n.t('The public tunnel is not open. Start it first.'));
      await vscode.env.clipboard.writeText(url);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', url), 3000);
      return url;
    }, log),
    registerCommand(CommandIds.forwardTo, async (target?: string) => {
      const url =
        target ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Forward Captures to Your App'),
          prompt: vscode.l10n.t('Every capture is relayed here, byte-exact, after the sender is answered. Saved in the workspace settings.'),
          value: forwarding.target ?? 'http://localhost:3000/webhooks',
          validateInput: validUrl,
        }));
      if (!url) return;
      const problem = validUrl(url);
      if (problem) throw new Error(problem);
      await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('forward.target', url, vscode.ConfigurationTarget.Workspace);
      log.info(`Forwarding captures to ${url}.`);
    }, log),
    registerCommand(CommandIds.stopForwarding, async () => {
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      await config.update('forward.target', undefined, vscode.ConfigurationTarget.Workspace);
      if (config.inspect('forward.target')?.globalValue) await config.update('forward.target', undefined, vscode.ConfigurationTarget.Global);
      log.info('Stopped forwarding.');
    }, log),
    registerCommand(CommandIds.replayToTarget, (node?: CaptureTreeNode | string, selected?: CaptureTreeNode[]) => {
      if (!forwarding.target) throw new UsageHint(vscode.l10n.t('No forward target is set. Use "Forward to…" first, or "Replay to…".'));
      return replay(captureIdsOf(node, selected, treeView), forwarding.target, forwarding.pathMode);
    }, log),
    registerCommand(CommandIds.replayTo, async (node?: CaptureTreeNode | string, selected?: CaptureTreeNode[], url?: string) => {
      const ids = captureIdsOf(node, selected, treeView);
      const target =
        url ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Replay {0} Capture(s) to…', ids.length),
          prompt: vscode.l10n.t('The request is sent as captured: method, headers and the raw body.'),
          value: state.get<string>(LAST_REPLAY_URL) ?? forwarding.target ?? 'http://localhost:3000/webhooks',
          validateInput: validUrl,
        }));
      if (!target) return undefined;
      await state.update(LAST_REPLAY_URL, target);
      return replay(ids, target, 'target');
    }, log),
  ];
}
