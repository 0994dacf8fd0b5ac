import * as path from 'node:path';
import type * as vscode from 'vscode';

/** Captures belong to the workspace; with no folder open they go to the extension's global storage. */
export function storageRoot(context: vscode.ExtensionContext): vscode.Uri {
  return context.storageUri ?? context.globalStorageUri;
}

export function captureFolder(context: vscode.ExtensionContext): string {
  return path.join(storageRoot(context).fsPath, 'captures');
}
