import { createHash } from 'node:crypto';
import type { RawRequest } from '../../capture';
import { headerMap } from '../../capture';
import { anyEqual, bytesEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue, signedUrl } from '../../signatures/requestParts';
import { decodeBase64 } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes } from '../signingParts';
import { NOT_ENCODED, newUuid, UNMARKED_RETRIES, zeros } from '../testingParts';

/**
 * Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1>` of the public URL followed by the form
 * parameters sorted by name (name + value each). For JSON bodies Twilio adds `bodySHA256=<hex>` to
 * the URL instead, signs the URL alone, and the body must hash to that value.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export const twilio: ProviderDefinition<'twilio'> = {
  id: 'twilio',
  name: 'Twilio',
  secret: { description: 'the account auth token', envVar: 'TWILIO_AUTH_TOKEN', services: [] },
  detection: { signatureHeaders: ['x-twilio-signature'], markerHeaders: ['i-twilio-idempotency-token'] },
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
  signing: {
    kind: 'secret',
    signsUrl: true,
    sign(request, secret, { targetUrl }) {
      // JSON deliveries carry the body's hash in the URL (bodySHA256) and sign only the URL.
      const hash = createHash('sha256').update(bodyBytes(request)).digest('hex');
      const signed = withBodySha256(targetUrl(), hash);
      const url = withBodySha256(request.url, hash);
      const params = hasBodySha256(signed) ? '' : sortedFormParams({ method: request.method, url, headers: headerMap(request.rawHeaders), body: request.body });
      const signature = hmac('sha1', secret, [signed + params]).toString('base64');
      return { rawHeaders: setRawHeader(request.rawHeaders, 'X-Twilio-Signature', signature), body: request.body, url };
    },
  },
  // The same token on every retry of a callback. https://www.twilio.com/docs/usage/webhooks/webhooks-overview#idempotency
  deliveryId: { kind: 'header', headers: ['i-twilio-idempotency-token'] },
  event: { kind: 'none' },
  // SMS and Voice webhooks post form parameters and want TwiML back; newer JSON callbacks carry
  // bodySHA256 in the URL. https://www.twilio.com/docs/usage/webhooks/getting-started-twilio-webhooks
  payloadFormat: {
    form: {
      jsonField: null,
      fields: true,
      answer: {
        kind: 'text',
        contentType: 'text/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
        note: 'Twilio wants TwiML back: an empty <Response> sends no SMS reply and ends a call. To reply, put <Message> or <Say> here; it is sent at once, before your function runs.',
      },
    },
  },
  timestamp: { signed: false },
  // 15 s by default and no retries unless the URL asks for them (#rc=, #rp=, #rt=, #ct=):
  // https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
  delivery: {
    responseTimeoutSeconds: 15,
    ackStatus: 200,
    retries: { automatic: false, schedule: 'none by default; connection overrides in the URL (#rc=, #rp=) turn retries on' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: {
      cryptoImports: ['createHash', 'createHmac', 'timingSafeEqual'],
      helpers: ['safeEqual', 'publicUrl'],
      verifyFunction: code`
        /**
         * Twilio: \`X-Twilio-Signature: <base64 HMAC-SHA1>\` keyed with the auth token, over the public URL
         * followed by each form parameter's name and value, sorted by name. JSON bodies are signed over the
         * URL alone and carry their hex SHA-256 in the URL's \`bodySHA256\` parameter instead.
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('x-twilio-signature');
          if (!signature) return false;
          let signed = publicUrl(delivery);
          const bodyHash = new URL(delivery.url, 'http://localhost').searchParams.get('bodySHA256');
          if (bodyHash !== null) {
            const actual = createHash('sha256').update(delivery.rawBody).digest('hex');
            if (!safeEqual(Buffer.from(bodyHash.toLowerCase()), Buffer.from(actual))) return false;
          } else {
            const params = [...new URLSearchParams(delivery.rawBody.toString('utf8'))];
            params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            signed += params.map(([name, value]) => name + value).join('');
          }
          const expected = createHmac('sha1', secret).update(signed).digest();
          return safeEqual(Buffer.from(signature, 'base64'), expected);
        }`,
    },
    python: {
      imports: ['base64', 'hashlib', 'hmac'],
      fromImports: ['from urllib.parse import parse_qs, parse_qsl, urlsplit'],
      packages: [],
      helpers: ['public_url'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Twilio: \`\`X-Twilio-Signature: <base64 HMAC-SHA1>\`\` keyed with the auth token.

            Signed: the public URL followed by each form parameter's name and value, sorted by name.
            JSON bodies are signed over the URL alone and carry their hex SHA-256 in its \`\`bodySHA256\`\`.
            """
            signature = delivery.header("x-twilio-signature")
            if not signature:
                return False
            signed = public_url(delivery)
            body_hash = parse_qs(urlsplit(delivery.url).query).get("bodySHA256")
            if body_hash:
                actual = hashlib.sha256(delivery.raw_body).hexdigest()
                if not hmac.compare_digest(body_hash[0].lower().encode(), actual.encode()):
                    return False
            else:
                try:
                    params = parse_qsl(delivery.raw_body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    return False
                signed += "".join(name + value for name, value in sorted(params, key=lambda p: p[0]))
            expected = hmac.new(secret.encode(), signed.encode(), hashlib.sha1).digest()
            return hmac.compare_digest(base64.b64encode(expected), signature.encode())`,
    },
  },
  testing: {
    newDeliveryId: newUuid,
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'X-Twilio-Signature', value: NOT_ENCODED, what: 'characters that are not base64' },
      { header: 'X-Twilio-Signature', value: zeros(32, 'base64'), what: 'base64 of 32 bytes, not the 20 of SHA-1' },
    ],
    rotation: null,
  },
};

function bodySha256Of(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return undefined;
  return new URLSearchParams(url.slice(q + 1).split('#')[0]).get('bodySHA256') ?? undefined;
}

/** Form parameters as Twilio signs them: names sorted, repeated values de-duplicated and sorted. */
function sortedFormParams(req: RawRequest): string {
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

function hasBodySha256(url: string): boolean {
  return /[?&]bodySHA256=/.test(url);
}

function withBodySha256(url: string, hash: string): string {
  return url.replace(/([?&]bodySHA256=)[^&#]*/, `$1${hash}`);
}
