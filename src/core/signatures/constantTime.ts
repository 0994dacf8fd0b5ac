import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

export function hmac(algorithm: HmacAlgorithm, key: string | Buffer, parts: readonly (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Compares two byte strings in time that depends only on their lengths. Signature lengths are
 * fixed by the algorithm, so revealing a length mismatch reveals nothing about the secret.
 */
export function bytesEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Compares two strings of any length without leaking where they differ or how long the secret is. */
export function textEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** True when any candidate equals the expected bytes; every candidate is compared. */
export function anyEqual(expected: Buffer, candidates: readonly Buffer[]): boolean {
  let found = false;
  for (const candidate of candidates) if (bytesEqual(expected, candidate)) found = true;
  return found;
}
