/** Headers the tool that replays an export computes itself (from the URL and the body) or that describe one connection. */
const COMPUTED = new Set(['host', 'content-length', 'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']);

/** A capture's headers as name/value pairs for cURL, .http and edit-and-resend: order kept, computed ones left out. */
export function exportedHeaders(rawHeaders: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!COMPUTED.has(rawHeaders[i].toLowerCase())) out.push([rawHeaders[i], rawHeaders[i + 1]]);
  }
  return out;
}
