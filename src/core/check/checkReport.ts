import type { PracticeId } from './practiceCatalog';

export type PracticeStatus = 'pass' | 'warn' | 'fail' | 'not-applicable';
export type ExchangeVerdict = 'pass' | 'warn' | 'fail';

/** One request the check sent and what came back: the evidence behind a verdict. */
export interface ExchangeRecord {
  /** What the request tests: "tampered body (one byte changed)". */
  label: string;
  request: {
    method: string;
    url: string;
    /** As sent, in order (Host and Content-Length included). */
    headers: Array<[string, string]>;
    bodyBytes: number;
    /** The first KB of the body as UTF-8. */
    bodyExcerpt: string;
  };
  response?: {
    status: number;
    headers: Array<[string, string]>;
    bodyBytes: number;
    /** The first 2 KB of the body as UTF-8. */
    bodyExcerpt: string;
  };
  /** Why there was no answer: ETIMEDOUT, ECONNREFUSED, ECONNRESET… */
  error?: { code: string; message: string };
  /** Epoch milliseconds when the request left. */
  startedAt: number;
  /** From sending to the last byte of the answer (or to the failure). */
  durationMs: number;
  /** What this request should get: "4xx (401, 403 or 400)". */
  expected: string;
  verdict: ExchangeVerdict;
  /** Why the verdict, when it is not a plain pass: "answered 404, not 405". */
  note?: string;
}

export interface PracticeResult {
  id: PracticeId;
  number: number;
  title: string;
  status: PracticeStatus;
  /** One line: "401 to all 6 bad signatures", "not applicable: GitHub signs no timestamp". */
  summary: string;
  /** The one-line fix, on fail and warn. */
  hint?: string;
  /** On fail and warn: what the practice asks for and what the endpoint did. */
  expected?: string;
  actual?: string;
  /** Facts worth reading besides the verdict: p95 figures, what cannot be seen from outside. */
  notes: string[];
  exchanges: ExchangeRecord[];
  durationMs: number;
}

export interface EndpointCheckReport {
  url: string;
  provider: string;
  providerName: string;
  /** The sample the deliveries were built from: "push (github/push.json)". */
  sample: string;
  startedAt: number;
  durationMs: number;
  /** The response timeout the check held the endpoint to. */
  timeoutMs: number;
  /** False when the provider documents none and a default was used. */
  timeoutDocumented: boolean;
  results: PracticeResult[];
  /** `fail` when any practice failed; `cancelled` when the run was stopped before the end. */
  outcome: 'pass' | 'fail' | 'cancelled';
}
