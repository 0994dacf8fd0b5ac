export const BYTES_PER_LINE = 16;

export interface HexDumpLine {
  /** Eight hex digits. */
  offset: string;
  /** Up to 16 two-digit bytes, a wider gap after the eighth, padded to full width. */
  hex: string;
  /** Printable ASCII as is, everything else as `.`. */
  ascii: string;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function hexDumpLineCount(byteLength: number): number {
  return Math.ceil(byteLength / BYTES_PER_LINE);
}

export function hexDumpLine(bytes: Uint8Array, line: number): HexDumpLine {
  const start = line * BYTES_PER_LINE;
  let hex = '';
  let ascii = '';
  for (let i = 0; i < BYTES_PER_LINE; i++) {
    if (i === 8) hex += ' ';
    const at = start + i;
    if (at < bytes.length) {
      const byte = bytes[at];
      hex += byte.toString(16).padStart(2, '0') + (i < BYTES_PER_LINE - 1 ? ' ' : '');
      ascii += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
    } else {
      hex += i < BYTES_PER_LINE - 1 ? '   ' : '  ';
    }
  }
  return { offset: start.toString(16).padStart(8, '0'), hex, ascii };
}

/** Lines `from` (inclusive) to `to` (exclusive) of the dump, clamped to the data. */
export function hexDumpLines(bytes: Uint8Array, from: number, to: number): HexDumpLine[] {
  const lines: HexDumpLine[] = [];
  for (let line = from; line < Math.min(to, hexDumpLineCount(bytes.length)); line++) lines.push(hexDumpLine(bytes, line));
  return lines;
}
