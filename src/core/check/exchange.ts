import { forwardCapture } from '../forward/forwardCapture';
import { relayHeaders } from '../forward/relayHeaders';
import type { ExchangeRecord, ExchangeVerdict } from './checkReport';

/** A request the check sends, to a full URL. */
export interface OutgoingRequest {
  method: string;
  url: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

/** Decides whether an answer (or the lack of one) is what was expected. */
export interface Expectation {
  /** For people: "2xx within 3 s". */
  describe: string;
  judge(answer: Answer): { verdict: ExchangeVerdict; note?: string };
}

export type Answer =
  | { ok: true; status: number; headers: Array<[string, string]>; body: string; durationMs: number }
  | { ok: false; error: string; message: string; durationMs: number };

const REQUEST_EXCERPT_BYTES = 1024;

/** Sends one request over a fresh connection and records it, its answer and the verdict. */
export async function exchange(label: string, request: OutgoingRequest, expectation: Expectation, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ExchangeRecord> {
  const url = new URL(request.url);
  const startedAt = Date.now();
  const result = await forwardCapture(
    { method: request.method, url: '', rawHeaders: request.rawHeaders, body: request.body },
    { url: request.url, pathMode: 'target' },
    { timeoutMs: options.timeoutMs, forwardedHeaders: false, signal: options.signal },
  );
  const answer: Answer = result.ok
    ? { ok: true, status: result.status, headers: result.headers, body: result.bodyExcerpt, durationMs: result.latencyMs }
    : { ok: false, error: result.error, message: result.message, durationMs: result.latencyMs };
  const { verdict, note } = expectation.judge(answer);
  const sent = relayHeaders(request.rawHeaders, { host: url.host, bodyLength: request.body.byteLength, forwardedHeaders: false });
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  return {
    label,
    request: {
      method: request.method,
      url: request.url,
      headers: pairs(sent),
      bodyBytes: body.length,
      bodyExcerpt: body.subarray(0, REQUEST_EXCERPT_BYTES).toString('utf8'),
    },
    ...(result.ok
      ? { response: { status: result.status, headers: result.headers, bodyBytes: result.bodyBytes, bodyExcerpt: result.bodyExcerpt } }
      : { error: { code: result.error, message: result.message } }),
    startedAt,
    durationMs: result.latencyMs,
    expected: expectation.describe,
    verdict,
    ...(note !== undefined ? { note } : {}),
  };
}

function pairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([rawHeaders[i], rawHeaders[i + 1]]);
  return out;
}
