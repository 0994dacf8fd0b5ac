import type { RawRequest } from '../capture';

/** Per header object, its keys that are not lower-case, by their lower-case form (usually none). */
const mixedCaseKeys = new WeakMap<object, Map<string, string>>();

function rawValue(req: RawRequest, name: string): string | string[] | undefined {
  const value = req.headers[name];
  if (value !== undefined) return value;
  let index = mixedCaseKeys.get(req.headers);
  if (!index) {
    index = new Map();
    for (const key of Object.keys(req.headers)) {
      const lower = key.toLowerCase();
      if (lower !== key && !index.has(lower)) index.set(lower, key);
    }
    mixedCaseKeys.set(req.headers, index);
  }
  const key = index.get(name);
  return key === undefined ? undefined : req.headers[key];
}

/** Every value of a header, in arrival order; names are matched case-insensitively. */
export function headerValues(req: RawRequest, name: string): string[] {
  const value = rawValue(req, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first value of a header, trimmed, or undefined when absent. */
export function headerValue(req: RawRequest, name: string): string | undefined {
  const first = headerValues(req, name)[0];
  return first === undefined ? undefined : first.trim();
}

export function hasHeader(req: RawRequest, name: string): boolean {
  const value = rawValue(req, name);
  return value !== undefined && (!Array.isArray(value) || value.length > 0);
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
