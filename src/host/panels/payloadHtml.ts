/** The payload view's page: one nonce'd script, styles from the extension, nothing inline. */
export function payloadHtml(options: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; codiconUri: string; title: string }): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${options.nonce}'`,
    `style-src ${options.cspSource}`,
    `font-src ${options.cspSource}`,
    `img-src ${options.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${options.codiconUri}">
<link rel="stylesheet" href="${options.styleUri}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="root"></main>
<script nonce="${options.nonce}" src="${options.scriptUri}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
