import { createHash } from 'node:crypto';
import type { RawRequest } from '../../capture';
import { anyEqual, bytesEqual, hmac } from '../constantTime';
import type { ProviderScheme } from '../providerScheme';
import { bodyBuffer, headerValue, signedUrl } from '../requestParts';
import { decodeBase64 } from '../signatureEncoding';
import { malformed, matched, mismatch } from '../signatureVerdict';

/**
 * Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1>` of the public URL followed by the form
 * parameters sorted by name (name + value each). For JSON bodies Twilio adds `bodySHA256=<hex>` to
 * the URL instead, signs the URL alone, and the body must hash to that value.
 */
export const twilioScheme: ProviderScheme = {
  id: 'twilio',
  name: 'Twilio',
  signatureHeaders: ['x-twilio-signature'],
  markerHeaders: ['i-twilio-idempotency-token'],
  secretName: 'the account auth token',
  verify(ctx) {
    const facts = { signatureHeader: 'x-twilio-signature', algorithm: 'HMAC-SHA1', signatureCount: 1 };
    const given = decodeBase64(headerValue(ctx.req, 'x-twilio-signature') ?? '', 20);
    if (!given) return malformed(this, facts, 'expected base64 of 20 bytes');
    const { url, guessed } = signedUrl(ctx.req, ctx.publicUrl);
    const differs = guessed
      ? `URL, parameters or auth token differ (URL rebuilt from the Host header as ${url}; pass the public URL Twilio posted to)`
      : 'URL, parameters or auth token differ';
    const bodyHash = bodySha256Of(url);
    const signedTail = bodyHash === undefined ? sortedFormParams(ctx.req) : '';
    const candidates = urlVariants(url).map((variant) => hmac('sha1', ctx.secret, [variant + signedTail]));
    if (!anyEqual(given, candidates)) return mismatch(this, facts, differs);
    if (bodyHash !== undefined) {
      const actual = createHash('sha256').update(bodyBuffer(ctx.req)).digest();
      const claimed = /^[0-9a-fA-F]{64}$/.test(bodyHash) ? Buffer.from(bodyHash, 'hex') : Buffer.alloc(0);
      if (!bytesEqual(actual, claimed)) return mismatch(this, facts, 'the URL signature matches but the body differs from the bodySHA256 it carries');
      return matched(this, facts, ctx, undefined, 'URL signed, body matches bodySHA256');
    }
    return matched(this, facts, ctx);
  },
};

function bodySha256Of(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  return new URLSearchParams(url.slice(q + 1).split('#')[0]).get('bodySHA256') ?? undefined;
}

/** Form parameters as Twilio signs them: names sorted, repeated values de-duplicated and sorted. */
export function sortedFormParams(req: RawRequest): string {
  const contentType = headerValue(req, 'content-type');
  const text = bodyBuffer(req).toString('utf8');
  const isForm = contentType !== undefined
    ? contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
    : !/^\s*[[{]/.test(text);
  if (!isForm) return '';
  const grouped = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  let signed = '';
  for (const name of [...grouped.keys()].sort()) {
    for (const value of [...new Set(grouped.get(name))].sort()) signed += name + value;
  }
  return signed;
}

/** Twilio may have signed the URL with or without the default port; both are tried. */
function urlVariants(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match;
  const at = authority.lastIndexOf('@');
  const userInfo = authority.slice(0, at + 1);
  const hostAndPort = authority.slice(at + 1);
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  const host = colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
  const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  const withPort = colon === -1 ? scheme + userInfo + host + defaultPort + rest : url;
  const withoutPort = scheme + userInfo + host + rest;
  return [...new Set([url, withoutPort, withPort])];
}
