import { anyEqual, hmac } from './constantTime';
import { CUSTOM_PREFIX, type CustomProvider } from './customProvider';
import type { ProviderScheme, VerificationContext } from './providerScheme';
import { bodyBuffer, headerValue, headerValues } from './requestParts';
import { parseUnixTime } from './signatureAge';
import { decodeSignature, expectedShape } from './signatureEncoding';
import { malformed, matched, mismatch } from './signatureVerdict';

const DIGEST_BYTES = { sha1: 20, sha256: 32, sha512: 64 } as const;

/** Turns a validated custom provider definition into a scheme the verifier runs like a built-in one. */
export function customScheme(def: CustomProvider): ProviderScheme {
  const signatureHeader = def.signatureHeader.toLowerCase();
  const timestampHeader = def.timestampHeader?.toLowerCase();
  const prefix = def.prefix ?? '';
  const bytes = DIGEST_BYTES[def.algorithm];
  const template = def.signedContent ?? '{body}';
  return {
    id: CUSTOM_PREFIX + def.id,
    name: def.name,
    signatureHeaders: [signatureHeader],
    markerHeaders: [],
    secretName: 'the signing secret',
    verify(ctx) {
      const values = headerValues(ctx.req, signatureHeader).map((v) => v.trim());
      const facts = { signatureHeader, algorithm: `HMAC-${def.algorithm.toUpperCase()}`, signatureCount: values.length };
      const signatures: Buffer[] = [];
      for (const value of values) {
        if (!value.startsWith(prefix)) return malformed(this, facts, `expected the signature to start with "${prefix}"`);
        const signature = decodeSignature(value.slice(prefix.length), def.encoding, bytes);
        if (!signature) return malformed(this, facts, `expected ${prefix ? `"${prefix}" then ` : ''}${expectedShape(def.encoding, bytes)}`);
        signatures.push(signature);
      }
      let timestamp: string | undefined;
      let signedAt: number | undefined;
      if (timestampHeader !== undefined) {
        timestamp = headerValue(ctx.req, timestampHeader);
        if (timestamp === undefined) return malformed(this, facts, `${timestampHeader} is missing`);
        signedAt = parseUnixTime(timestamp, def.timestampUnit ?? 's');
        if (signedAt === undefined) return malformed(this, facts, `${timestampHeader} "${timestamp}" is not a Unix timestamp`);
      }
      const expected = hmac(def.algorithm, ctx.secret, signedParts(template, ctx, timestamp));
      return anyEqual(expected, signatures) ? matched(this, facts, ctx, signedAt) : mismatch(this, facts, 'body or secret differs', signedAt, ctx);
    },
  };
}

function signedParts(template: string, ctx: VerificationContext, timestamp: string | undefined): (string | Buffer)[] {
  const values: Record<string, string | Buffer> = {
    body: bodyBuffer(ctx.req),
    timestamp: timestamp ?? '',
    method: ctx.req.method.toUpperCase(),
    url: ctx.publicUrl ?? ctx.req.url,
  };
  return template.split(/(\{(?:body|timestamp|method|url)\})/).map((part) => {
    const placeholder = /^\{(body|timestamp|method|url)\}$/.exec(part);
    return placeholder ? values[placeholder[1]] : part;
  });
}
