import * as vscode from 'vscode';
import type { CaptureStore } from '../../core';

export const CAPTURE_SCHEME = 'webhook-capture';

/** Read-only documents showing a capture's body: JSON pretty-printed when it parses, raw text otherwise. */
export class CaptureDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: CaptureStore) {}

  static uriFor(id: string, isJson: boolean): vscode.Uri {
    return vscode.Uri.from({ scheme: CAPTURE_SCHEME, path: `/${id}.${isJson ? 'json' : 'txt'}` });
  }

  static idOf(uri: vscode.Uri): string {
    return uri.path.replace(/^\//, '').replace(/\.(json|txt)$/, '');
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const body = await this.store.readBody(CaptureDocumentProvider.idOf(uri));
    if (!body) return vscode.l10n.t('// This capture no longer exists.');
    return renderBody(body).text;
  }
}

export function renderBody(body: Uint8Array): { text: string; isJson: boolean } {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (!text.trim()) return { text, isJson: false };
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), isJson: true };
  } catch {
    return { text, isJson: false };
  }
}
