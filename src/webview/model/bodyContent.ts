import type { BodySnapshot } from '../../shared/protocol';
import { base64ToBytes } from './hexDump';
import { parseFormFields } from './formFields';
import type { FieldPair } from './formFields';

/** What the Body tab shows, decided from the content type and the bytes. */
export type BodyContent =
  | { kind: 'empty' }
  | { kind: 'json'; text: string; value: unknown }
  /** Declared JSON that does not parse: shown raw with the parser's message, never blank. */
  | { kind: 'invalid-json'; text: string; error: string }
  | { kind: 'form'; text: string; fields: FieldPair[] }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array };

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || /^application\/[^\s/]+\+json$/.test(type);
}

export function interpretBody(body: BodySnapshot, contentType: string | undefined): BodyContent {
  if (body.encoding === 'base64') return { kind: 'binary', bytes: base64ToBytes(body.data) };
  const text = body.text;
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
