import { anyEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import type { SignatureResult } from '../../signatures/signatureResult';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeHex } from '../../signatures/signatureEncoding';
import { parseSignedHeaderParams } from '../../signatures/signedHeaderParams';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import type { MalformedSignature, ProviderDefinition, PythonHandlerFragment, SignedRequest, SigningRequest, TypeScriptHandlerFragment, VerificationContext } from '../providerDefinition';
import { bodyBytes, unixSeconds, withHeaders } from '../signingParts';
import { HEX_SHA256, PY_HEX_SHA256 } from './generatedPatterns';

/**
 * The scheme Stripe and Paddle share: one header of `key=value` items, a Unix-seconds timestamp
 * and one or more hex HMAC-SHA256 signatures (several while a secret rotates) of
 * `<timestamp><joiner><body>`.
 */
export interface KeyValueScheme {
  /** The header as the provider spells it: `Stripe-Signature`. */
  header: string;
  separator: ',' | ';';
  timestampKey: string;
  signatureKey: string;
  /** What joins the timestamp and the body in the signed content. */
  joiner: string;
}

export function verifyKeyValue(scheme: KeyValueScheme, provider: Pick<ProviderDefinition, 'id' | 'name'>, ctx: VerificationContext): SignatureResult {
  const header = scheme.header.toLowerCase();
  const facts = { signatureHeader: header, algorithm: 'HMAC-SHA256' };
  const parsed = parseSignedHeaderParams(headerValue(ctx.req, header) ?? '', scheme.separator);
  if ('notAPair' in parsed) return malformed(provider, facts, `"${parsed.notAPair}" is not a key=value pair`);
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const [key, text] of parsed.pairs) {
    if (key === scheme.timestampKey) timestamp = text;
    else if (key === scheme.signatureKey) {
      const signature = decodeHex(text, 32);
      if (!signature) return malformed(provider, { ...facts, signatureCount: signatures.length + 1 }, `an ${scheme.signatureKey} signature is not 64 hex characters`);
      signatures.push(signature);
    }
  }
  const counted = { ...facts, signatureCount: signatures.length };
  if (timestamp === undefined) return malformed(provider, counted, `no ${scheme.timestampKey}= timestamp`);
  const signedAt = parseUnixTime(timestamp, 's');
  if (signedAt === undefined) return malformed(provider, counted, `${scheme.timestampKey}=${timestamp} is not a Unix timestamp`);
  if (signatures.length === 0) return malformed(provider, counted, `no ${scheme.signatureKey}= signature`);
  const expected = hmac('sha256', ctx.secret, [`${timestamp}${scheme.joiner}`, bodyBuffer(ctx.req)]);
  return anyEqual(expected, signatures) ? matched(provider, counted, ctx, signedAt) : mismatch(provider, counted, 'body or secret differs', signedAt, ctx);
}

/** Signs with each secret: one signature normally, several (in the order given) while a secret rotates. */
export function signKeyValue(scheme: KeyValueScheme, request: SigningRequest, secrets: string | readonly string[], now: number): SignedRequest {
  const timestamp = unixSeconds(now);
  const items = [`${scheme.timestampKey}=${timestamp}`];
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    items.push(`${scheme.signatureKey}=${hmac('sha256', secret, [`${timestamp}${scheme.joiner}`, bodyBytes(request)]).toString('hex')}`);
  }
  return withHeaders(request, setRawHeader(request.rawHeaders, scheme.header, items.join(scheme.separator)));
}

/** Header values the scheme cannot parse, for the endpoint check. */
export function malformedKeyValue(scheme: KeyValueScheme): MalformedSignature[] {
  const { header, separator: sep, timestampKey: t, signatureKey: v } = scheme;
  const hex = '0'.repeat(64);
  return [
    { header, value: `${v}=${hex}`, what: `no ${t}= timestamp` },
    { header, value: `${t}=not-a-time${sep}${v}=${hex}`, what: `a ${t}= that is not a Unix time` },
    { header, value: `${t}=1700000000${sep}${v}=${'z'.repeat(64)}`, what: `a ${v}= signature that is not hex` },
    { header, value: 'not-a-signature', what: 'not key=value items' },
  ];
}

/** The generated `verifySignature`; `doc` is its doc comment, already formatted. */
export function keyValueFragment(scheme: KeyValueScheme, doc: string): TypeScriptHandlerFragment {
  const q = (text: string) => `'${text}'`;
  return {
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh', 'signedHeaderParams'],
    verifyFunction: [
      doc,
      'function verifySignature(delivery: Delivery, secret: string): boolean {',
      '  let timestamp: string | undefined;',
      '  const signatures: Buffer[] = [];',
      `  for (const [key, value] of signedHeaderParams(delivery.header(${q(scheme.header.toLowerCase())}) ?? '', ${q(scheme.separator)})) {`,
      `    if (key === ${q(scheme.timestampKey)}) timestamp = value;`,
      `    else if (key === ${q(scheme.signatureKey)} && ${HEX_SHA256}.test(value)) signatures.push(Buffer.from(value, 'hex'));`,
      '  }',
      '  if (timestamp === undefined || !isFresh(Number(timestamp))) return false;',
      `  const expected = createHmac('sha256', secret).update(\`\${timestamp}${scheme.joiner}\`).update(delivery.rawBody).digest();`,
      '  return signatures.some((signature) => safeEqual(signature, expected));',
      '}',
    ].join('\n'),
  };
}

/** The generated Python `verify_signature`; `doc` is its docstring's text, one line. */
export function keyValuePythonFragment(scheme: KeyValueScheme, doc: string): PythonHandlerFragment {
  const q = (text: string) => JSON.stringify(text);
  return {
    imports: ['hashlib', 'hmac', 're'],
    fromImports: [],
    packages: [],
    helpers: ['is_fresh', 'signed_header_params'],
    verifyFunction: [
      'def verify_signature(delivery: Delivery, secret: str) -> bool:',
      `    """${doc}"""`,
      '    timestamp: str | None = None',
      '    signatures: list[bytes] = []',
      `    header = delivery.header(${q(scheme.header.toLowerCase())}) or ""`,
      `    for key, value in signed_header_params(header, ${q(scheme.separator)}):`,
      `        if key == ${q(scheme.timestampKey)}:`,
      '            timestamp = value',
      `        elif key == ${q(scheme.signatureKey)} and re.fullmatch(${PY_HEX_SHA256}, value):`,
      '            signatures.append(bytes.fromhex(value))',
      '    if timestamp is None or not is_fresh(unix_time(timestamp)):',
      '        return False',
      `    signed = timestamp.encode() + b${q(scheme.joiner)} + delivery.raw_body`,
      '    expected = hmac.new(secret.encode(), signed, hashlib.sha256).digest()',
      '    return any(hmac.compare_digest(signature, expected) for signature in signatures)',
    ].join('\n'),
  };
}
