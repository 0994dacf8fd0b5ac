const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Reads the string values of the wanted top-level fields of a JSON object without parsing the whole
 * document: a single pass over the bytes that skips nested values. Runs on the request path, where a
 * full JSON.parse would cost more than the rest of the capture. Not a validator: for a document
 * that is not a JSON object it returns whatever it could read, usually nothing.
 */
export function topLevelStringFields(json: Uint8Array, wanted: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  const length = json.length;
  let i = 0;
  while (i < length && isSpace(json[i])) i++;
  if (json[i] !== 0x7b /* { */) return found;
  let depth = 0;
  let expectKey = false;
  for (; i < length; i++) {
    const byte = json[i];
    if (byte === QUOTE) {
      const start = i + 1;
      let end = start;
      let escaped = false;
      for (; end < length; end++) {
        const b = json[end];
        if (b === QUOTE) break;
        if (b === BACKSLASH) {
          escaped = true;
          end++;
        }
      }
      i = end;
      if (depth !== 1 || !expectKey) continue;
      expectKey = false;
      const key = decode(json, start, end, escaped);
      if (!wanted.has(key)) continue;
      let j = end + 1;
      while (j < length && isSpace(json[j])) j++;
      if (json[j] !== COLON) continue;
      j++;
      while (j < length && isSpace(json[j])) j++;
      if (json[j] !== QUOTE) continue;
      const valueStart = j + 1;
      let valueEnd = valueStart;
      let valueEscaped = false;
      for (; valueEnd < length && json[valueEnd] !== QUOTE; valueEnd++) {
        if (json[valueEnd] === BACKSLASH) {
          valueEscaped = true;
          valueEnd++;
        }
      }
      if (!found.has(key)) found.set(key, decode(json, valueStart, valueEnd, valueEscaped));
      i = valueEnd;
      if (found.size === wanted.size) break;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth++;
      expectKey = byte === 0x7b && depth === 1;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    } else if (byte === 0x2c /* , */ && depth === 1) {
      expectKey = true;
    }
  }
  return found;
}

function decode(json: Uint8Array, start: number, end: number, escaped: boolean): string {
  const raw = Buffer.from(json.buffer, json.byteOffset + start, Math.max(0, end - start)).toString('utf8');
  if (!escaped) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
