import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT|PROPFIND)\s+\S+/;

/** "Send Request" above every request line of a .http document. */
export class HttpRequestLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (let line = 0; line < document.lineCount; line++) {
      if (!REQUEST_LINE.test(document.lineAt(line).text)) continue;
      const range = document.lineAt(line).range;
      lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('$(send) Send Request (Webhook Workbench)'), command: CommandIds.sendHttpRequest, arguments: [document.uri, line] }));
    }
    return lenses;
  }
}

/** The text of the request block (between `###` separators) that holds `line`. */
export function requestBlockAt(document: vscode.TextDocument, line: number): string {
  let start = line;
  while (start > 0 && !document.lineAt(start - 1).text.startsWith('###')) start--;
  let end = line;
  while (end + 1 < document.lineCount && !document.lineAt(end + 1).text.startsWith('###')) end++;
  return document.getText(new vscode.Range(start, 0, end, document.lineAt(end).text.length));
}
