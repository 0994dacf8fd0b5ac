import { anyEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue, signedUrl } from '../requestParts';
import { parseUnixTime } from '../signatureAge';
import { decodeBase64 } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/**
 * HubSpot v3: `X-HubSpot-Signature-v3: <base64 HMAC-SHA256>` of method + URI + body + timestamp,
 * with `X-HubSpot-Request-Timestamp` in milliseconds. HubSpot decodes a few percent-escapes in the
 * URI before signing, so both the URI as given and the decoded form are tried.
 */
export const hubspotScheme: ProviderScheme = {
  id: 'hubspot',
  name: 'HubSpot',
  signatureHeaders: ['x-hubspot-signature-v3'],
  markerHeaders: ['x-hubspot-request-timestamp', 'x-hubspot-signature', 'x-hubspot-signature-version'],
  secretName: 'the app client secret',
  verify(ctx) {
    const facts = { signatureHeader: 'x-hubspot-signature-v3', algorithm: 'HMAC-SHA256', signatureCount: 1 };
    const given = decodeBase64(headerValue(ctx.req, 'x-hubspot-signature-v3') ?? '', 32);
    if (!given) return malformed(this, facts, 'expected base64 of 32 bytes');
    const timestamp = headerValue(ctx.req, 'x-hubspot-request-timestamp');
    if (timestamp === undefined) return malformed(this, facts, 'X-HubSpot-Request-Timestamp is missing');
    const signedAt = parseUnixTime(timestamp, 'ms');
    if (signedAt === undefined) return malformed(this, facts, `X-HubSpot-Request-Timestamp "${timestamp}" is not a Unix time in milliseconds`);
    const { url, guessed } = signedUrl(ctx.req, ctx.publicUrl);
    const method = ctx.req.method.toUpperCase();
    const candidates = [...new Set([url, decodeHubSpotUri(url)])]
      .map((uri) => hmac('sha256', ctx.secret, [method + uri, bodyBuffer(ctx.req), timestamp]));
    if (anyEqual(given, candidates)) return matched(this, facts, ctx, signedAt);
    return mismatch(this, facts, guessed
      ? `body, client secret or URL differ (URL rebuilt from the Host header as ${url}; pass the public URL)`
      : 'body, client secret or URL differ', signedAt, ctx);
  },
};

const HUBSPOT_DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

function decodeHubSpotUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => HUBSPOT_DECODED[escape.toUpperCase()]);
}
