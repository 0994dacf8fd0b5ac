import { crc32 } from './checksum';
import type { JournalRecord } from './journalRecord';
import { parseJournalLine } from './journalRecord';

/**
 * A journal line is `cccccccc {json}`: the CRC-32 of the JSON's bytes in 8 lower-case hex digits, a
 * space, then the record. Lines written before checksums existed are the bare JSON (they start with
 * `{`); they are read as before, as unchecked.
 */
export type LineCheck = 'ok' | 'unchecked' | 'mismatch';

export interface DecodedLine {
  /** The record, when the line parses as one (for a mismatch: what the damaged line seems to say). */
  record: JournalRecord | undefined;
  check: LineCheck;
}

const PREFIX_BYTES = 9;
const OPEN_BRACE = 0x7b;
const SPACE = 0x20;

/** A checksum placeholder, overwritten in place once the line's bytes exist. */
const PLACEHOLDER = '00000000 ';
const NEWLINE = 0x0a;
const HEX_DIGITS = Buffer.from('0123456789abcdef');

/**
 * The records as checksummed lines, each ending in a newline, in one buffer, with where each line
 * is (relative to the buffer's start, without its newline). The text is encoded to UTF-8 once and
 * each checksum is computed over those bytes and written into its line's place: cheap enough for
 * the request path, where every capture's line goes through here.
 */
export function encodeLines(records: readonly JournalRecord[]): { bytes: Buffer; places: Array<{ offset: number; length: number }> } {
  let text = '';
  for (const record of records) text += PLACEHOLDER + JSON.stringify(record) + '\n';
  const bytes = Buffer.from(text);
  const places: Array<{ offset: number; length: number }> = [];
  // JSON.stringify escapes every newline inside strings, so each one in the text ends a line.
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    let crc = crc32(bytes.subarray(start + PREFIX_BYTES, end));
    for (let i = PREFIX_BYTES - 2; i >= 0; i--, crc >>>= 4) bytes[start + i] = HEX_DIGITS[crc & 15];
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

/** A line written before checksums existed. */
export function isUncheckedLine(line: Uint8Array): boolean {
  return line.byteLength > 0 && line[0] === OPEN_BRACE;
}

/** An unchecked (old) line with its checksum put in front, its bytes otherwise unchanged. */
export function withChecksum(uncheckedLine: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${hex8(crc32(uncheckedLine))} `), uncheckedLine]);
}

/** Reads one line (without its newline). */
export function decodeLine(line: Uint8Array): DecodedLine {
  const bytes = Buffer.isBuffer(line) ? line : Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  if (isUncheckedLine(bytes)) return { record: parseJournalLine(bytes.toString('utf8')), check: 'unchecked' };
  if (bytes.length <= PREFIX_BYTES || bytes[PREFIX_BYTES - 1] !== SPACE) return { record: undefined, check: 'mismatch' };
  const stored = parseHex8(bytes.toString('latin1', 0, PREFIX_BYTES - 1));
  const json = bytes.subarray(PREFIX_BYTES);
  const record = parseJournalLine(json.toString('utf8'));
  return { record, check: stored !== undefined && crc32(json) === stored ? 'ok' : 'mismatch' };
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

function parseHex8(text: string): number | undefined {
  return /^[0-9a-f]{8}$/.test(text) ? parseInt(text, 16) : undefined;
}
