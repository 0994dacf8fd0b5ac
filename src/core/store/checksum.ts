import * as zlib from 'node:zlib';

/**
 * CRC-32 (the zlib polynomial) of the bytes, or of a string's UTF-8 bytes; given the CRC of what
 * came before, the CRC of both together. Native in Node since
 * 20.15 / 22.2; VS Code 1.95 (the oldest the extension supports) runs its extension host on Node
 * 20.18, code-server on Node 22+. It catches every burst of up to 32 flipped bits and all but one
 * in four billion other changes: corruption detection, not tamper-proofing.
 */
export function crc32(data: string | Uint8Array, previous = 0): number {
  return zlib.crc32(data, previous);
}
