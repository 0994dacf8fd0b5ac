import { randomInt, randomUUID } from 'node:crypto';
import type { RetryFacts } from './providerDefinition';

/** Small pieces the providers' test facts share. */

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';

export const ALPHABETS = { alphanumeric: ALPHANUMERIC, lowerAlphanumeric: LOWER_ALPHANUMERIC, upperAlphanumeric: UPPER_ALPHANUMERIC, digits: DIGITS } as const;

/** `length` characters drawn from `alphabet` with a cryptographic generator. */
export function randomText(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** A decimal number of `length` digits without a leading zero (snowflakes, HubSpot event ids). */
export function randomDigits(length: number): string {
  return String(1 + randomInt(9)) + randomText(DIGITS, length - 1);
}

export function newUuid(): string {
  return randomUUID();
}

/** For providers that mark a retry no differently from the first attempt. */
export const UNMARKED_RETRIES: RetryFacts = { headers: () => [], countHeader: undefined, stopHeader: undefined };

/** Text that is not in any signature alphabet, of a plausible length. */
export const NOT_ENCODED = 'not-a-signature!';

/** `bytes` zero bytes as hex or base64: well-formed, but the wrong length for the scheme. */
export function zeros(bytes: number, encoding: 'hex' | 'base64'): string {
  return Buffer.alloc(bytes).toString(encoding);
}
