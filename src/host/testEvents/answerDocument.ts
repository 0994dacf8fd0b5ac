import * as vscode from 'vscode';
import type { ForwardResult, ProviderVerdict } from '../../core';

/** Opens the answer a delivery got beside the editor: status, headers, body, and what the provider makes of it. */
export async function showAnswerDocument(result: ForwardResult, verdict?: ProviderVerdict): Promise<void> {
  const lines: string[] = [];
  if (verdict) lines.push(`# ${verdict.summary}`, ...verdict.consequences.map((c) => `# ${c}`), '');
  if (result.ok) lines.push(vscode.l10n.t('HTTP {0} ({1} ms, from {2})', result.status, Math.round(result.latencyMs), result.target), ...result.headers.map(([n, v]) => `${n}: ${v}`), '', result.bodyExcerpt);
  else lines.push(vscode.l10n.t('No answer from {0} after {1} ms: {2} ({3})', result.target, Math.round(result.latencyMs), result.error, result.message));
  const document = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'http' });
  await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
}
