import { bytesEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { decodeHex } from '../signatureEncoding';
import { clip, malformed, matched, mismatch } from '../signatureVerdict';

/** GitHub: `X-Hub-Signature-256: sha256=<hex>`, with the legacy SHA-1 header as a fallback. */
export const githubScheme: ProviderScheme = {
  id: 'github',
  name: 'GitHub',
  signatureHeaders: ['x-hub-signature-256', 'x-hub-signature'],
  markerHeaders: ['x-github-event', 'x-github-delivery', 'x-github-hook-id', 'x-github-hook-installation-target-id'],
  secretName: 'the webhook secret',
  verify(ctx) {
    const sha256 = headerValue(ctx.req, 'x-hub-signature-256');
    const [header, algorithm, prefix, bytes] = sha256 !== undefined
      ? ['x-hub-signature-256', 'sha256', 'sha256=', 32] as const
      : ['x-hub-signature', 'sha1', 'sha1=', 20] as const;
    const facts = { signatureHeader: header, algorithm: algorithm === 'sha256' ? 'HMAC-SHA256' : 'HMAC-SHA1', signatureCount: 1 };
    const value = sha256 ?? headerValue(ctx.req, header) ?? '';
    if (!value.startsWith(prefix)) return malformed(this, facts, `expected "${prefix}<hex>", got "${clip(value)}"`);
    const given = decodeHex(value.slice(prefix.length), bytes);
    if (!given) return malformed(this, facts, `after "${prefix}" expected ${bytes * 2} hex characters`);
    const expected = hmac(algorithm, ctx.secret, [bodyBuffer(ctx.req)]);
    return bytesEqual(expected, given) ? matched(this, facts, ctx, undefined, `${facts.algorithm} of the body`) : mismatch(this, facts);
  },
};
