import axios from 'axios';

/**
 * The most a tunnel server's answer may hold. The stock server's handshake answer is about 150
 * bytes and its status answer less; nothing legitimate comes near this.
 */
export const MAX_TUNNEL_SERVER_ANSWER_BYTES = 16 * 1024;
/** Redirects followed (e.g. http → https), as localtunnel's own client does, but not endlessly. */
const MAX_REDIRECTS = 5;

export interface TunnelServerAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface TunnelServerRequest {
  /** The whole exchange (connect, headers, body) must be done by then. */
  readonly deadlineMs: number;
  readonly signal: AbortSignal;
}

/**
 * One GET to a tunnel server, bounded in time and size. axios' `timeout` only limits the silence
 * between two bytes, so an answer dripping a byte a second would never time out, and without
 * `maxContentLength` an answer that never ends would be buffered until memory runs out.
 */
export async function getFromTunnelServer(url: string, request: TunnelServerRequest): Promise<TunnelServerAnswer> {
  const cancel = new AbortController();
  const stop = (): void => cancel.abort();
  if (request.signal.aborted) stop();
  request.signal.addEventListener('abort', stop, { once: true });
  let pastDeadline = false;
  const deadline = setTimeout(() => {
    pastDeadline = true;
    cancel.abort();
  }, request.deadlineMs);
  try {
    const response = await axios.get<unknown>(url, {
      responseType: 'json',
      timeout: request.deadlineMs,
      signal: cancel.signal,
      maxContentLength: MAX_TUNNEL_SERVER_ANSWER_BYTES,
      maxRedirects: MAX_REDIRECTS,
      validateStatus: () => true,
    });
    return { status: response.status, body: response.data };
  } catch (error) {
    if (pastDeadline) throw new Error(`no complete answer within ${request.deadlineMs} ms`, { cause: error });
    if (axios.isAxiosError(error) && /maxContentLength/.test(error.message)) {
      throw new Error(`the answer was larger than ${MAX_TUNNEL_SERVER_ANSWER_BYTES} bytes`, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(deadline);
    request.signal.removeEventListener('abort', stop);
  }
}
