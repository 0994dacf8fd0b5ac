import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { ForwardResult } from './forwardResult';
import { EXCERPT_BYTES } from './forwardResult';
import type { ForwardTarget } from './forwardTarget';
import { forwardUrl } from './forwardTarget';
import { relayHeaders } from './relayHeaders';

/** A request to relay: what the receiver captured, or an edited copy of it. */
export interface ForwardRequest {
  method: string;
  /** Path and query, e.g. `/hooks/github?x=1`. */
  url: string;
  /** Header names and values in order: [name, value, name, value, …]. */
  rawHeaders: readonly string[];
  body: Uint8Array;
  /** The original sender, appended to X-Forwarded-For. */
  remoteAddress?: string;
}

export interface ForwardOptions {
  /** Deadline for the whole exchange, connect to last response byte; default 10,000 ms. */
  timeoutMs?: number;
  /** Add X-Forwarded-For and X-Forwarded-Host (default true). They are outside every provider's signature. */
  forwardedHeaders?: boolean;
  /** Accept self-signed certificates on https targets (local dev servers); default false. */
  allowSelfSigned?: boolean;
  /** Abandons the exchange: the result is a failure with the error `ABORT_ERR`. */
  signal?: AbortSignal;
}

export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;

/**
 * Sends a captured request to a target and reports its answer. The body goes out byte-exact, so a
 * target that checks the provider's signature accepts it. Never rejects: failures are results.
 */
export function forwardCapture(request: ForwardRequest, target: ForwardTarget, options: ForwardOptions = {}): Promise<ForwardResult> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  let url: URL;
  try {
    url = forwardUrl(request.url, target);
  } catch (error) {
    return Promise.resolve({ ok: false, error: 'ERR_INVALID_URL', message: `Not a URL: ${target.url} (${(error as Error).message})`, latencyMs: latency(), target: target.url });
  }
  const targetText = url.toString();
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ ok: false, error: 'ERR_UNSUPPORTED_PROTOCOL', message: `Only http and https targets are supported, not ${url.protocol}`, latencyMs: latency(), target: targetText });
  }
  const headers = relayHeaders(request.rawHeaders, {
    host: url.host,
    bodyLength: request.body.byteLength,
    remoteAddress: request.remoteAddress,
    forwardedHeaders: options.forwardedHeaders ?? true,
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ForwardResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      resolve(result);
    };
    const fail = (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: error.code ?? 'ERR_FORWARD', message: error.message, latencyMs: latency(), target: targetText });
    let req: http.ClientRequest | undefined;
    const abort = () => {
      const error: NodeJS.ErrnoException = new Error(`Cancelled before ${targetText} answered`);
      error.code = 'ABORT_ERR';
      fail(error);
      req?.destroy();
    };
    const timer = setTimeout(() => {
      const error: NodeJS.ErrnoException = new Error(`No complete answer from ${targetText} within ${timeoutMs} ms`);
      error.code = 'ETIMEDOUT';
      fail(error);
      req?.destroy();
    }, timeoutMs);
    if (options.signal?.aborted) {
      abort();
      return;
    }
    options.signal?.addEventListener('abort', abort, { once: true });
    const transport = url.protocol === 'https:' ? https : http;
    const requestOptions: https.RequestOptions = {
      method: request.method,
      // An array keeps the captured order and spelling of header names.
      headers: headers,
      agent: false,
      rejectUnauthorized: !options.allowSelfSigned,
    };
    try {
      req = transport.request(url, requestOptions, (res) => {
        readAnswer(res, (answer) => finish({ ok: true, ...answer, latencyMs: latency(), target: targetText }), fail);
      });
    } catch (error) {
      // Header values Node refuses to send (ERR_INVALID_CHAR, …) throw here rather than emit.
      fail(error as NodeJS.ErrnoException);
      return;
    }
    req.on('error', fail);
    req.end(request.body);
  });
}

/** Reads a response to its end, keeping only the first EXCERPT_BYTES of the body. */
function readAnswer(
  res: http.IncomingMessage,
  done: (answer: { status: number; headers: Array<[string, string]>; bodyExcerpt: string; bodyBytes: number }) => void,
  fail: (error: NodeJS.ErrnoException) => void,
): void {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bodyBytes = 0;
  res.on('data', (chunk: Buffer) => {
    bodyBytes += chunk.length;
    if (keptBytes < EXCERPT_BYTES) {
      const part = chunk.subarray(0, EXCERPT_BYTES - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
  });
  res.on('end', () => done({ status: res.statusCode ?? 0, headers: pairs(res.rawHeaders), bodyExcerpt: Buffer.concat(kept).toString('utf8'), bodyBytes }));
  res.on('error', fail);
}

function pairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([rawHeaders[i], rawHeaders[i + 1]]);
  return out;
}
