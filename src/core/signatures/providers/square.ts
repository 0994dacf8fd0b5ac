import { bytesEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue, signedUrl } from '../requestParts';
import { decodeBase64 } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/**
 * Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256>` of the notification URL followed
 * by the body; the legacy `x-square-signature` is HMAC-SHA1 of the same content.
 */
export const squareScheme: ProviderScheme = {
  id: 'square',
  name: 'Square',
  signatureHeaders: ['x-square-hmacsha256-signature', 'x-square-signature'],
  markerHeaders: ['square-environment', 'square-initial-delivery-timestamp', 'square-retry-number', 'square-retry-reason'],
  secretName: 'the subscription signature key',
  verify(ctx) {
    const sha256 = headerValue(ctx.req, 'x-square-hmacsha256-signature');
    const [header, algorithm, bytes] = sha256 !== undefined
      ? ['x-square-hmacsha256-signature', 'sha256', 32] as const
      : ['x-square-signature', 'sha1', 20] as const;
    const facts = { signatureHeader: header, algorithm: algorithm === 'sha256' ? 'HMAC-SHA256' : 'HMAC-SHA1', signatureCount: 1 };
    const given = decodeBase64(sha256 ?? headerValue(ctx.req, header) ?? '', bytes);
    if (!given) return malformed(this, facts, `expected base64 of ${bytes} bytes`);
    const { url, guessed } = signedUrl(ctx.req, ctx.publicUrl);
    const expected = hmac(algorithm, ctx.secret, [url, bodyBuffer(ctx.req)]);
    if (bytesEqual(expected, given)) return matched(this, facts, ctx, undefined, `${facts.algorithm} of URL and body`);
    return mismatch(this, facts, guessed
      ? `body, signature key or notification URL differ (URL rebuilt from the Host header as ${url}; pass the public URL)`
      : 'body, signature key or notification URL differ');
  },
};
