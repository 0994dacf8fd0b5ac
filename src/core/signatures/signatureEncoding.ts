/** Strict decoders for signature text: undefined when the characters or the length are wrong. */

const HEX = /^[0-9a-fA-F]+$/;
/** Standard or URL-safe alphabet, padding optional; Node's base64 decoder reads both alphabets. */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function decodeHex(text: string, bytes?: number): Buffer | undefined {
  if (text.length === 0 || text.length % 2 !== 0 || !HEX.test(text)) return undefined;
  if (bytes !== undefined && text.length !== bytes * 2) return undefined;
  return Buffer.from(text, 'hex');
}

export function decodeBase64(text: string, bytes?: number): Buffer | undefined {
  if (text.length === 0) return undefined;
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const decoded = Buffer.from(text, 'base64');
  if (bytes !== undefined && decoded.length !== bytes) return undefined;
  return decoded;
}

export type SignatureEncoding = 'hex' | 'base64';

export function decodeSignature(text: string, encoding: SignatureEncoding, bytes?: number): Buffer | undefined {
  return encoding === 'hex' ? decodeHex(text, bytes) : decodeBase64(text, bytes);
}

/** Describes the expected shape for a malformed-header detail, e.g. "64 hex characters". */
export function expectedShape(encoding: SignatureEncoding, bytes: number): string {
  return encoding === 'hex' ? `${bytes * 2} hex characters` : `base64 of ${bytes} bytes`;
}
