import type Tunnel = require('localtunnel/lib/Tunnel');
import { getFromTunnelServer } from './tunnelServerRequest';

/** The server answered, but retrying the same request cannot help (e.g. a subdomain it rejects). */
export class HandshakeRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HandshakeRefused';
  }
}

export interface HandshakeRequest {
  readonly host: string;
  readonly subdomain?: string;
  /** The whole handshake must be answered by then. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * One `GET <host>/?new` (or `GET <host>/<subdomain>`), the request localtunnel's own handshake
 * makes, but made once: the client's version retries every second forever with no way to cancel
 * it, which would keep polling after stop() or after giving up, and turns refusals into silence.
 */
export async function requestTunnel(request: HandshakeRequest): Promise<Tunnel.ServerAnswer> {
  const base = request.host.replace(/\/+$/, '');
  const path = request.subdomain === undefined ? '?new' : encodeURIComponent(request.subdomain);
  const response = await getFromTunnelServer(`${base}/${path}`, { deadlineMs: request.timeoutMs, signal: request.signal });
  if (response.status !== 200) {
    const message = messageOf(response.body) ?? `the tunnel server answered HTTP ${response.status}`;
    // 408 and 429 say "later"; other 4xx say "not like this".
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw new HandshakeRefused(response.status, message);
    }
    throw new Error(message);
  }
  if (!isServerAnswer(response.body)) {
    throw new Error('the tunnel server answered with something other than { id, port, url }');
  }
  return response.body;
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message.slice(0, 500);
  }
  return undefined;
}

function isServerAnswer(body: unknown): body is Tunnel.ServerAnswer {
  if (typeof body !== 'object' || body === null) return false;
  const answer = body as Record<string, unknown>;
  return (
    typeof answer.id === 'string' &&
    typeof answer.url === 'string' &&
    Number.isInteger(answer.port) &&
    (answer.port as number) > 0 &&
    (answer.port as number) < 65_536 &&
    (answer.max_conn_count === undefined || Number.isInteger(answer.max_conn_count)) &&
    (answer.ip === undefined || typeof answer.ip === 'string')
  );
}
