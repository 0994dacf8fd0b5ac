import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CaptureStore, Logger, StoreHealth } from '../../core';
import { DisposableBase } from '../../core';
import { CommandIds, ContextKeys } from '../commandIds';
import { registerCommand } from '../commands/registerCommand';


/**
 * Says what is wrong with the capture store — a line for the captures view's message (composed by
 * CaptureViewMessage), a notification and context keys for the view's buttons — and offers what to
 * do about it: open the folder, or keep working with a fresh folder for this session.
 */
export class StoreProblems extends DisposableBase implements vscode.Disposable {

  constructor(
    private readonly store: CaptureStore,
    private readonly log: Logger,
  ) {
    super();
    this._register(store.onDidChangeHealth(() => this.update()));
    this.update();
  }

  /** What the captures view says about the store, when anything. */
  get viewMessage(): string | undefined {
    return viewMessage(this.store.health);
  }

  get hasProblem(): boolean {
    const health = this.store.health;
    return health.access !== 'read-write' || health.findings.length > 0;
  }

  /** The notification for the current problem, with its actions; nothing when all is well. */
  async notify(): Promise<void> {
    const health = this.store.health;
    if (!this.hasProblem) return;
    const writable = health.access === 'read-write';
    const [useFresh, openFolder, showLog] = [vscode.l10n.t('Use a Fresh Folder for This Session'), vscode.l10n.t('Open Folder'), vscode.l10n.t('Show Log')];
    const actions = writable ? [openFolder, showLog] : [useFresh, openFolder, showLog];
    const text = notificationText(health);
    const choice = health.access === 'unavailable' ? await vscode.window.showErrorMessage(text, ...actions) : await vscode.window.showWarningMessage(text, ...actions);
    if (choice === useFresh) await vscode.commands.executeCommand(CommandIds.useFreshCaptureFolder);
    else if (choice === openFolder) await vscode.commands.executeCommand(CommandIds.revealCaptureFolder);
    else if (choice === showLog) await vscode.commands.executeCommand(CommandIds.showLog);
  }

  /** Moves the store to a new temporary folder; the broken one is left as it is, and used again next time. */
  async useFreshFolder(): Promise<string> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-captures-'));
    const previous = this.store.folder;
    await this.store.useFolder(folder);
    this.log.info(`Capture store moved from ${previous} to ${folder} for this session.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Captures go to {0} for this session. The usual folder is tried again when the window next opens.', folder));
    return folder;
  }

  /** Shows the capture folder (or, when something else sits where it should be, the folder holding that). */
  async revealFolder(): Promise<void> {
    const folder = nearestFolder(this.store.folder);
    const uri = vscode.Uri.file(folder);
    if (vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop) await vscode.commands.executeCommand('revealFileInOS', uri);
    else await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true });
  }

  private update(): void {
    const health = this.store.health;
    void vscode.commands.executeCommand('setContext', ContextKeys.storeAccess, health.access);
    void vscode.commands.executeCommand('setContext', ContextKeys.storeProblem, this.hasProblem);
  }
}

export function registerStoreCommands(problems: StoreProblems, log: Logger): vscode.Disposable[] {
  return [
    registerCommand(CommandIds.showStoreProblem, () => problems.notify(), log),
    registerCommand(CommandIds.useFreshCaptureFolder, () => problems.useFreshFolder(), log),
    registerCommand(CommandIds.revealCaptureFolder, () => problems.revealFolder(), log),
  ];
}

function viewMessage(health: StoreHealth): string | undefined {
  switch (health.access) {
    case 'unavailable':
      return health.accessProblem ? vscode.l10n.t('Captures cannot be stored: {0}', health.accessProblem) : vscode.l10n.t('Captures cannot be stored: the capture folder cannot be used.');
    case 'read-only':
      return vscode.l10n.t('Read-only: the captures below can be read, new deliveries cannot be saved. {0}', health.accessProblem ?? '').trim();
    case 'read-write':
      return health.findings.length ? vscode.l10n.t('The capture folder was damaged; damaged captures are marked. Details in the log.') : undefined;
  }
}

function notificationText(health: StoreHealth): string {
  const access =
    health.access === 'unavailable'
      ? vscode.l10n.t('Webhook Workbench cannot store captures: {0}', health.accessProblem ?? '')
      : health.access === 'read-only'
        ? vscode.l10n.t('Webhook Workbench opened its captures read-only; new deliveries cannot be saved: {0}', health.accessProblem ?? '')
        : vscode.l10n.t('Webhook Workbench found damage in its capture folder.');
  return [access, ...health.findings].join(' ');
}

/** The folder itself when it is one, else the nearest ancestor that is. */
function nearestFolder(folder: string): string {
  for (let candidate = folder; ; candidate = path.dirname(candidate)) {
    try {
      if (fs.statSync(candidate).isDirectory()) return candidate;
    } catch {
      // Not there: try its parent.
    }
    if (path.dirname(candidate) === candidate) return candidate;
  }
}
