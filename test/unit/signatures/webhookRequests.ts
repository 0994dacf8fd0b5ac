import type { RawRequest } from '../../../src/core';

/** Bytes that are not valid UTF-8 (a lone continuation byte, an invalid lead byte, a NUL). */
export const NON_UTF8_BODY = Buffer.from([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x80, 0x00, 0xc3, 0x22, 0x7d]);

export function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** A JSON body of about `size` bytes. */
export function jsonBodyOfSize(size: number, fields: Record<string, unknown> = {}): Buffer {
  const head = JSON.stringify({ ...fields, padding: '' });
  return Buffer.from(`${head.slice(0, -2)}${'x'.repeat(Math.max(0, size - head.length))}"}`);
}

export function webhookRequest(headers: Record<string, string | string[]>, body: Buffer | string, init: { method?: string; url?: string } = {}): RawRequest {
  const lower: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return { method: init.method ?? 'POST', url: init.url ?? '/hooks/test', headers: lower, body: typeof body === 'string' ? Buffer.from(body) : body };
}

/** The same request with one body byte changed. */
export function tamperedBody(req: RawRequest): RawRequest {
  const body = Buffer.from(req.body);
  body[Math.floor(body.length / 2)] ^= 0x01;
  return { ...req, body };
}

export function withHeader(req: RawRequest, name: string, value: string | undefined): RawRequest {
  const headers = { ...req.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...req, headers };
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * Loads an ES module at run time. The specifier is a variable so the type checker (CommonJS,
 * node10 resolution) does not try to resolve packages that only declare `exports`.
 */
export async function importEsm<T>(specifier: string): Promise<T> {
  return (await import(specifier)) as T;
}
