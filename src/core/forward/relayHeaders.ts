/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), so a relay drops them.
 * `expect` is dropped too: the relay sends the whole body at once and must not wait for a 100.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']);

export interface RelayOptions {
  /** The target's `host[:port]`, for the Host header. */
  host: string;
  bodyLength: number;
  /** The sender's address, appended to X-Forwarded-For. */
  remoteAddress?: string;
  /** Add X-Forwarded-For / X-Forwarded-Host. */
  forwardedHeaders: boolean;
}

/**
 * The captured headers as the relay sends them, order kept: hop-by-hop headers (and every header
 * the Connection header names) removed, Host pointed at the target, Content-Length recomputed.
 */
export function relayHeaders(rawHeaders: readonly string[], options: RelayOptions): string[] {
  const dropped = new Set(HOP_BY_HOP);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== 'connection') continue;
    for (const token of rawHeaders[i + 1].split(',')) dropped.add(token.trim().toLowerCase());
  }
  const out: string[] = [];
  let originalHost: string | undefined;
  let sawHost = false;
  let sawLength = false;
  let forwardedFor = -1;
  let sawForwardedHost = false;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const lower = name.toLowerCase();
    if (dropped.has(lower) || lower.startsWith('proxy-')) continue;
    if (lower === 'host') {
      if (sawHost) continue;
      sawHost = true;
      originalHost = rawHeaders[i + 1];
      out.push(name, options.host);
    } else if (lower === 'content-length') {
      if (sawLength) continue;
      sawLength = true;
      out.push(name, String(options.bodyLength));
    } else {
      if (lower === 'x-forwarded-for' && forwardedFor === -1) forwardedFor = out.length + 1;
      if (lower === 'x-forwarded-host') sawForwardedHost = true;
      out.push(name, rawHeaders[i + 1]);
    }
  }
  if (!sawLength && options.bodyLength > 0) out.push('Content-Length', String(options.bodyLength));
  if (options.forwardedHeaders) {
    if (options.remoteAddress) {
      if (forwardedFor === -1) out.push('X-Forwarded-For', options.remoteAddress);
      else out[forwardedFor] = `${out[forwardedFor]}, ${options.remoteAddress}`;
    }
    // A tunnel in front of the listener may already have said which host the sender used.
    if (originalHost !== undefined && !sawForwardedHost) out.push('X-Forwarded-Host', originalHost);
  }
  if (!sawHost) out.unshift('Host', options.host);
  return out;
}
