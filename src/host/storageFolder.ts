import * as path from 'node:path';
import type * as vscode from 'vscode';

/** Captures belong to the workspace; with no folder open they go to the extension's global storage. */
export function captureFolder(context: vscode.ExtensionContext): string {
  const base = context.storageUri ?? context.globalStorageUri;
  return path.join(base.fsPath, 'captures');
}
