import { bytesEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue } from '../requestParts';
import { decodeBase64 } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/** Shopify: `X-Shopify-Hmac-Sha256: <base64>` of the body; no timestamp is signed. */
export const shopifyScheme: ProviderScheme = {
  id: 'shopify',
  name: 'Shopify',
  signatureHeaders: ['x-shopify-hmac-sha256'],
  markerHeaders: ['x-shopify-topic', 'x-shopify-webhook-id', 'x-shopify-shop-domain', 'x-shopify-event-id', 'x-shopify-api-version'],
  secretName: 'the app client secret',
  verify(ctx) {
    const facts = { signatureHeader: 'x-shopify-hmac-sha256', algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const given = decodeBase64(headerValue(ctx.req, 'x-shopify-hmac-sha256') ?? '', 32);
    if (!given) return malformed(this, facts, 'expected base64 of 32 bytes');
    const expected = hmac('sha256', ctx.secret, [bodyBuffer(ctx.req)]);
    return bytesEqual(expected, given) ? matched(this, facts, ctx, undefined, 'HMAC-SHA256 of the body') : mismatch(this, facts);
  },
};
