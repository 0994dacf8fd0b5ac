import type { BodySnapshot } from '../../shared/protocol';
import { base64ToBytes, bytesToBase64 } from './hexDump';
import { parseFormFields } from './formFields';
import type { FieldPair } from './formFields';
import { parseJsonPrefix } from './jsonPrefix';
import type { JsonPrefix } from './jsonPrefix';

/** What the Body tab shows, decided from the content type and the bytes. */
export type BodyContent =
  | { kind: 'empty' }
  | { kind: 'json'; text: string; value: unknown }
  /** Declared JSON that does not parse: shown raw with the parser's message, never blank. */
  | { kind: 'invalid-json'; text: string; error: string }
  | { kind: 'form'; text: string; fields: FieldPair[] }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  /**
   * The first `received` of `size` bytes, while the rest crosses: a JSON body shows the members of
   * that part that arrived whole (`prefix`), anything else only how much has arrived.
   */
  | { kind: 'partial'; received: number; size: number; prefix?: JsonPrefix };

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || /^application\/[^\s/]+\+json$/.test(type);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as the view keeps it: the raw bytes the host sends become text when they are UTF-8 (the
 * usual case, and what the view shows and saves), and stay bytes otherwise (a hex dump).
 */
export function decodeBody(body: BodySnapshot): BodySnapshot {
  if (body.encoding !== 'bytes') return body;
  try {
    return { encoding: 'utf8', text: strictUtf8.decode(body.bytes) };
  } catch {
    return body;
  }
}

/** The body as setState can keep it (JSON): text, or base64 for bytes that are not UTF-8. */
export function savableBody(body: BodySnapshot): BodySnapshot {
  const decoded = decodeBody(body);
  if (decoded.encoding === 'head') throw new Error('A body still arriving cannot be saved.');
  return decoded.encoding === 'bytes' ? { encoding: 'base64', data: bytesToBase64(decoded.bytes) } : decoded;
}

/** How much the body weighs in the view's saved state (characters of text or base64, else bytes). */
export function bodyWeight(body: BodySnapshot): number {
  switch (body.encoding) {
    case 'utf8':
      return body.text.length;
    case 'base64':
      return body.data.length;
    case 'bytes':
      return Math.ceil(body.bytes.length / 3) * 4;
    case 'head':
      // Never saved: a rebuilt view asks the host for the whole body.
      return Infinity;
  }
}

/** Whether two bodies hold the same bytes, whatever form each is in. */
export function sameBody(a: BodySnapshot, b: BodySnapshot): boolean {
  const x = decodeBody(a);
  const y = decodeBody(b);
  if (x.encoding === 'head' || y.encoding === 'head') return false;
  if (x.encoding === 'utf8' || y.encoding === 'utf8') return x.encoding === 'utf8' && y.encoding === 'utf8' && x.text === y.text;
  const left = x.encoding === 'bytes' ? x.bytes : base64ToBytes(x.data);
  const right = y.encoding === 'bytes' ? y.bytes : base64ToBytes(y.data);
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}

export function interpretBody(body: BodySnapshot, contentType: string | undefined): BodyContent {
  const decoded = decodeBody(body);
  if (decoded.encoding === 'head') return partialBody(decoded, contentType);
  if (decoded.encoding === 'bytes') return { kind: 'binary', bytes: decoded.bytes };
  if (decoded.encoding === 'base64') return { kind: 'binary', bytes: base64ToBytes(decoded.data) };
  const text = decoded.text;
  if (text.length === 0) return { kind: 'empty' };
  const type = mediaType(contentType);
  if (isJsonMediaType(type)) {
    try {
      return { kind: 'json', text, value: JSON.parse(text) };
    } catch (error) {
      return { kind: 'invalid-json', text, error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', text, fields: parseFormFields(text) };
  // Senders often omit the content type or send text/plain; a body that parses as an object or array is still JSON.
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return { kind: 'json', text, value: JSON.parse(text) };
    } catch {
      return { kind: 'text', text };
    }
  }
  return { kind: 'text', text };
}

/** The first part of a body: its whole JSON members when it begins a JSON object or array in UTF-8. */
function partialBody(head: { bytes: Uint8Array; size: number }, contentType: string | undefined): BodyContent {
  const content: BodyContent = { kind: 'partial', received: head.bytes.length, size: head.size };
  let text: string;
  try {
    // Streaming: a character cut at the end of the part is left for the rest, not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.bytes, { stream: true });
  } catch {
    return content;
  }
  const type = mediaType(contentType);
  const first = text.trimStart()[0];
  if (!isJsonMediaType(type) && (type === 'application/x-www-form-urlencoded' || (first !== '{' && first !== '['))) return content;
  const prefix = parseJsonPrefix(text);
  return prefix ? { ...content, prefix } : content;
}
