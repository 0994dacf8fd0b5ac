import { rawHeaderValue } from '../signatures/rawHeaderEdits';

/**
 * Ways to spoil a correctly signed delivery, each changing one thing. Bodies stay well-formed
 * (valid JSON, valid form data), so a handler that parses before it verifies cannot pass by
 * accident with a 400.
 */

/** How a delivery's body is encoded, by its Content-Type: form data, or JSON (the default). */
export function bodyFormatOf(rawHeaders: readonly string[]): 'json' | 'form' {
  const contentType = firstHeaderValue(rawHeaders, ['content-type']) ?? '';
  return contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') ? 'form' : 'json';
}

/** The body with one character of a value changed (a letter or digit to its neighbour). */
export function tamperBody(body: Uint8Array, format: 'json' | 'form'): Buffer {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const at = format === 'json' ? firstJsonValueCharacter(bytes) : firstFormValueCharacter(bytes);
  const out = Buffer.from(bytes);
  if (at === undefined) {
    out[Math.floor(out.length / 2)] ^= 0x01;
    return out;
  }
  out[at] = neighbour(out[at]);
  return out;
}

/** A secret of the same shape (prefix kept, letters and digits changed), so only its value is wrong. */
export function otherSecret(secret: string): string {
  const cut = secret.lastIndexOf('_') + 1;
  const rest = [...secret.slice(cut)].map((c) => String.fromCharCode(isAlphanumeric(c.charCodeAt(0)) ? neighbour(c.charCodeAt(0)) : c.charCodeAt(0))).join('');
  const other = secret.slice(0, cut) + rest;
  return other === secret ? `${secret}x` : other;
}

/** The headers without any of these (lower-case) names. */
export function withoutHeaders(rawHeaders: readonly string[], names: readonly string[]): string[] {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (!drop.has(rawHeaders[i].toLowerCase())) out.push(rawHeaders[i], rawHeaders[i + 1]);
  return out;
}

/** The value of the first of these headers that is present. */
export function firstHeaderValue(rawHeaders: readonly string[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = rawHeaderValue(rawHeaders, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The first part of a JSON body: cut short, so it cannot parse. */
export function unparsableBody(body: Uint8Array): Buffer {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const cut = text.slice(0, Math.max(2, Math.floor(text.length * 0.6)));
  return Buffer.from(isJson(cut) ? `${cut}{` : cut);
}

/**
 * A well-formed body of exactly `size` bytes built from `body`: a `padding` field first in a JSON
 * object, a padding element last in a JSON array, a `Padding` parameter in form data.
 */
export function paddedBody(body: Uint8Array, format: 'json' | 'form', size: number): Buffer {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8').trim();
  let head: string;
  let tail: string;
  if (format === 'form') {
    head = `${text}&Padding=`;
    tail = '';
  } else if (text.startsWith('[')) {
    head = `${text.slice(0, -1).trimEnd()}${text === '[]' ? '' : ','}{"padding":"`;
    tail = '"}]';
  } else {
    head = '{"padding":"';
    tail = `"${text === '{}' ? '' : ','}${text.slice(1)}`;
  }
  const fill = size - Buffer.byteLength(head) - Buffer.byteLength(tail);
  if (fill < 0) throw new Error(`A body of ${size} bytes is smaller than the sample itself.`);
  return Buffer.concat([Buffer.from(head), Buffer.alloc(fill, 'x'), Buffer.from(tail)]);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The next letter or digit, wrapping within its kind: a→b, z→a, 9→0. */
function neighbour(code: number): number {
  if (code === 0x39) return 0x30;
  if (code === 0x5a) return 0x41;
  if (code === 0x7a) return 0x61;
  return code + 1;
}

/** The position of a letter or digit inside the first string value (not key) of a JSON text. */
function firstJsonValueCharacter(bytes: Buffer): number | undefined {
  const stack: Array<'object' | 'array'> = [];
  let previous = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = String.fromCharCode(bytes[i]);
    if (c === '"') {
      const isValue = previous === ':' || (stack[stack.length - 1] === 'array' && (previous === '[' || previous === ','));
      let j = i + 1;
      for (; j < bytes.length && bytes[j] !== 0x22; j++) {
        if (bytes[j] === 0x5c) {
          j++;
          continue;
        }
        if (isValue && isAlphanumeric(bytes[j])) return j;
      }
      i = j;
      previous = '"';
      continue;
    }
    if (c === '{') stack.push('object');
    else if (c === '[') stack.push('array');
    else if (c === '}' || c === ']') stack.pop();
    if (!/\s/.test(c)) previous = c;
  }
  return undefined;
}

function firstFormValueCharacter(bytes: Buffer): number | undefined {
  let inValue = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x3d) inValue = true;
    else if (bytes[i] === 0x26) inValue = false;
    else if (bytes[i] === 0x25) i += 2; // a %XX escape stays whole
    else if (inValue && isAlphanumeric(bytes[i])) return i;
  }
  return undefined;
}
