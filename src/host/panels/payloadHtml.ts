// The payload view's HTML. Pure (no 'vscode'), so it can be tested and served outside VS Code.

export interface PayloadHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Base64 of 16 random bytes, new for every page. */
  nonce: string;
  /** `webview.asWebviewUri` of dist/webview/payloadView.js. */
  scriptUri: string;
  /** … of media/payloadView.css. */
  styleUri: string;
  /** … of dist/webview/codicon.css. */
  codiconUri: string;
  title: string;
}

export function payloadCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; font-src ${cspSource}; img-src ${cspSource} data:`;
}

export function payloadHtml(options: PayloadHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, codiconUri, title } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(payloadCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
