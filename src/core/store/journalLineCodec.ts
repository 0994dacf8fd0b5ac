import { crc32 } from './checksum';
import type { JournalRecord } from './journalRecord';
import { parseJournalLine } from './journalRecord';

/**
 * A journal line is a record's JSON with the CRC-32 of that JSON's bytes as its last field:
 * `{"k":"add",…,"c":"3f1c09a2"}` carries the checksum of `{"k":"add",…}`. It stays one JSON object
 * per line, so an older version of the extension still reads a journal written by this one (it
 * ignores the field). Lines without it were written before checksums existed, or by such a
 * version; they are read as before, as unchecked.
 */
export type LineCheck = 'ok' | 'unchecked' | 'mismatch';

export interface DecodedLine {
  /** The record, when the line parses as one (for a mismatch: what the damaged line seems to say). */
  record: JournalRecord | undefined;
  check: LineCheck;
}

/** `,"c":"` + 8 hex digits + `"}`, in place of the JSON's closing brace. */
const SUFFIX = ',"c":"00000000"}';
const SUFFIX_BYTES = SUFFIX.length;
const SUFFIX_HEAD = Buffer.from(SUFFIX.slice(0, 6));
const HEX_AT = 6;
const CLOSE_BRACE = 0x7d;
const NEWLINE = 0x0a;
const HEX_DIGITS = Buffer.from('0123456789abcdef');
const CLOSING = Buffer.from('}');

/**
 * The records as checksummed lines, each ending in a newline, in one buffer, with where each line
 * is (relative to the buffer's start, without its newline). The text is encoded to UTF-8 once and
 * each checksum is computed over those bytes and written into its line: cheap enough for the
 * request path, where every capture's line goes through here.
 */
export function encodeLines(records: readonly JournalRecord[]): { bytes: Buffer; places: Array<{ offset: number; length: number }> } {
  let text = '';
  for (const record of records) {
    const json = JSON.stringify(record);
    text += json.slice(0, -1) + SUFFIX + '\n';
  }
  const bytes = Buffer.from(text);
  const places: Array<{ offset: number; length: number }> = [];
  // JSON.stringify escapes every newline inside strings, so each one in the text ends a line.
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const suffix = end - SUFFIX_BYTES;
    // The checksum covers the record's own JSON: its bytes up to the suffix, then the closing brace.
    bytes[suffix] = CLOSE_BRACE;
    let crc = crc32(bytes.subarray(start, suffix + 1));
    bytes[suffix] = SUFFIX_HEAD[0];
    for (let i = HEX_AT + 7; i >= HEX_AT; i--, crc >>>= 4) bytes[suffix + i] = HEX_DIGITS[crc & 15];
    places.push({ offset: start, length: end - start });
    start = end + 1;
  }
  return { bytes, places };
}

/** One record as a checksummed line, without its newline. */
export function encodeLine(record: JournalRecord): Buffer {
  const { bytes } = encodeLines([record]);
  return bytes.subarray(0, bytes.length - 1);
}

/** A line without a checksum (written before checksums existed). */
export function isUncheckedLine(line: Uint8Array): boolean {
  return storedChecksum(line) === undefined;
}

/** An unchecked line given its checksum, its record otherwise byte for byte the same. */
export function withChecksum(uncheckedLine: Uint8Array): Buffer {
  const line = Buffer.concat([uncheckedLine.subarray(0, uncheckedLine.byteLength - 1), Buffer.from(SUFFIX)]);
  let crc = crc32(uncheckedLine);
  for (let i = HEX_AT + 7; i >= HEX_AT; i--, crc >>>= 4) line[line.length - SUFFIX_BYTES + i] = HEX_DIGITS[crc & 15];
  return line;
}

/** Reads one line (without its newline). */
export function decodeLine(line: Uint8Array): DecodedLine {
  const bytes = Buffer.isBuffer(line) ? line : Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  const stored = storedChecksum(bytes);
  if (stored === undefined) return { record: parseJournalLine(bytes.toString('utf8')), check: 'unchecked' };
  const json = bytes.subarray(0, bytes.length - SUFFIX_BYTES);
  const record = parseJournalLine(`${json.toString('utf8')}}`);
  return { record, check: crc32(CLOSING, crc32(json)) === stored ? 'ok' : 'mismatch' };
}

/** The checksum at the end of a line, or undefined when it has none. */
function storedChecksum(bytes: Uint8Array): number | undefined {
  const suffix = bytes.byteLength - SUFFIX_BYTES;
  if (suffix < 1 || bytes[bytes.byteLength - 1] !== CLOSE_BRACE || bytes[bytes.byteLength - 2] !== 0x22) return undefined;
  for (let i = 0; i < HEX_AT; i++) if (bytes[suffix + i] !== SUFFIX_HEAD[i]) return undefined;
  let value = 0;
  for (let i = HEX_AT; i < HEX_AT + 8; i++) {
    const digit = HEX_DIGITS.indexOf(bytes[suffix + i]);
    if (digit === -1) return undefined;
    value = value * 16 + digit;
  }
  return value;
}
