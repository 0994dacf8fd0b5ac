/** How the receiver answers a sender. */
export interface ResponseSpec {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds to wait before answering (to exercise a sender's timeouts); 0–30,000. */
  delayMs: number;
}

export const DEFAULT_RESPONSE: ResponseSpec = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"received":true}',
  delayMs: 0,
};

export const MAX_DELAY_MS = 30_000;

/** Clamps what settings may hold into a response Node can send. */
export function normaliseResponse(spec: Partial<ResponseSpec> | undefined): ResponseSpec {
  const status = Number.isInteger(spec?.status) && spec!.status! >= 100 && spec!.status! <= 599 ? spec!.status! : DEFAULT_RESPONSE.status;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec?.headers ?? DEFAULT_RESPONSE.headers)) {
    if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && typeof value === 'string' && !/[\r\n]/.test(value)) headers[name] = value;
  }
  const delayMs = Math.min(MAX_DELAY_MS, Math.max(0, Math.floor(Number(spec?.delayMs) || 0)));
  return { status, headers, body: typeof spec?.body === 'string' ? spec.body : DEFAULT_RESPONSE.body, delayMs };
}
