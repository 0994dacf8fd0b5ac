/** What happened when a capture was relayed to a target: the target's answer, or why there was none. */
export type ForwardResult = ForwardSuccess | ForwardFailure;

export interface ForwardSuccess {
  ok: true;
  status: number;
  /** The target's response headers, in the order it sent them. */
  headers: Array<[string, string]>;
  /** The first 2 KB of the response body, decoded as UTF-8. */
  bodyExcerpt: string;
  /** The whole response body's length. */
  bodyBytes: number;
  latencyMs: number;
  /** The URL the request was sent to. */
  target: string;
}

export interface ForwardFailure {
  ok: false;
  /** A Node error code: ECONNREFUSED, ETIMEDOUT, ENOTFOUND, ECONNRESET, ERR_INVALID_URL, … */
  error: string;
  message: string;
  latencyMs: number;
  target: string;
}

/** The part of a forward result the capture index keeps in memory. */
export type ForwardSummary =
  | { ok: true; status: number; latencyMs: number; target: string; /** epoch ms of the attach */ at: number }
  | { ok: false; error: string; latencyMs: number; target: string; at: number };

export function summarizeForward(result: ForwardResult, at: number): ForwardSummary {
  return result.ok
    ? { ok: true, status: result.status, latencyMs: result.latencyMs, target: result.target, at }
    : { ok: false, error: result.error, latencyMs: result.latencyMs, target: result.target, at };
}

export const EXCERPT_BYTES = 2048;
