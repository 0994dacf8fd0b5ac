import type { RawRequest } from '../capture';

/** Every value of a header, in arrival order; names are matched case-insensitively. */
export function headerValues(req: RawRequest, name: string): string[] {
  let value: string | string[] | undefined = req.headers[name];
  if (value === undefined) {
    const key = Object.keys(req.headers).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : req.headers[key];
  }
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first value of a header, trimmed, or undefined when absent. */
export function headerValue(req: RawRequest, name: string): string | undefined {
  const first = headerValues(req, name)[0];
  return first === undefined ? undefined : first.trim();
}

export function hasHeader(req: RawRequest, name: string): boolean {
  return headerValues(req, name).length > 0;
}

export function bodyBuffer(req: RawRequest): Buffer {
  return Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
}

/** The body parsed as JSON when it looks like JSON; undefined otherwise. */
export function bodyJson(req: RawRequest): unknown {
  const text = bodyBuffer(req).toString('utf8').trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The URL the sender signed: the given public URL, else one rebuilt from the Host header.
 * `guessed` tells the caller to mention that a wrong guess shows up as a mismatch.
 */
export function signedUrl(req: RawRequest, publicUrl: string | undefined): { url: string; guessed: boolean } {
  if (publicUrl) return { url: publicUrl, guessed: false };
  const host = headerValue(req, 'x-forwarded-host') ?? headerValue(req, 'host') ?? 'localhost';
  const proto = headerValue(req, 'x-forwarded-proto') ?? 'https';
  return { url: `${proto}://${host}${req.url}`, guessed: true };
}
