import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeHex } from '../signatureEncoding';
import { malformed, matched, mismatch, unusableSecret } from '../signatureVerdict';

/** DER prefix that turns a raw 32-byte Ed25519 key into a SubjectPublicKeyInfo Node can import. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Discord interactions: `X-Signature-Ed25519: <hex>` over `<X-Signature-Timestamp><body>`,
 * checked with the application's public key (hex), not a shared secret.
 */
export const discordScheme: ProviderScheme = {
  id: 'discord',
  name: 'Discord',
  signatureHeaders: ['x-signature-ed25519'],
  markerHeaders: ['x-signature-timestamp'],
  secretName: 'the application public key (hex)',
  verify(ctx) {
    const facts = { signatureHeader: 'x-signature-ed25519', algorithm: 'Ed25519', signatureCount: 1 };
    const signature = decodeHex(headerValue(ctx.req, 'x-signature-ed25519') ?? '', 64);
    if (!signature) return malformed(this, facts, 'expected 128 hex characters');
    const timestamp = headerValue(ctx.req, 'x-signature-timestamp');
    if (timestamp === undefined) return malformed(this, facts, 'X-Signature-Timestamp is missing');
    const signedAt = parseUnixTime(timestamp, 's');
    if (signedAt === undefined) return malformed(this, facts, `X-Signature-Timestamp "${timestamp}" is not a Unix timestamp`);
    const key = publicKeyOf(ctx.secret);
    if (!key) return unusableSecret(this, facts, 'the public key is not 64 hex characters');
    const ok = verify(null, Buffer.concat([Buffer.from(timestamp), bodyBuffer(ctx.req)]), key, signature);
    return ok ? matched(this, facts, ctx, signedAt) : mismatch(this, facts, 'body, timestamp or public key differs', signedAt, ctx);
  },
};

function publicKeyOf(hex: string): KeyObject | undefined {
  const raw = decodeHex(hex.trim(), 32);
  if (!raw) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}
