import { anyEqual, hmac } from '../../signatures/constantTime';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue, headerValues } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeSignature, expectedShape } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch } from '../../signatures/signatureVerdict';
import { envPrefix, quote } from '../../codegen/handlers/identifiers';
import { docComment } from '../../codegen/handlers/sourceText';
import { docstringText, pyString } from '../../codegen/handlers/python/pythonSyntax';
import type { ProviderDefinition, PythonHandlerFragment, PythonHelper, TypeScriptHandlerFragment, TypeScriptHelper } from '../providerDefinition';
import { bodyBytes, unixSeconds, withHeaders } from '../signingParts';
import { NOT_ENCODED, newUuid, UNMARKED_RETRIES, zeros } from '../testingParts';
import { CUSTOM_PREFIX, type CustomProvider } from './customProvider';

const DIGEST_BYTES = { sha1: 20, sha256: 32, sha512: 64 } as const;
const PLACEHOLDER = /^\{(body|timestamp|method|url)\}$/;

type Placeholder = 'body' | 'timestamp' | 'method' | 'url';

/**
 * A validated custom provider from the settings as a full provider definition, so verification,
 * re-signing, delivery ids, labels and generated handlers treat it like a built-in one. What the
 * settings cannot say (timeouts, retries, handshakes) is left unknown.
 */
export function customDefinition(def: CustomProvider): ProviderDefinition {
  const signatureHeader = def.signatureHeader.toLowerCase();
  const timestampHeader = def.timestampHeader?.toLowerCase();
  const prefix = def.prefix ?? '';
  const bytes = DIGEST_BYTES[def.algorithm];
  const template = def.signedContent ?? '{body}';
  const unit = def.timestampUnit ?? 's';
  return {
    id: CUSTOM_PREFIX + def.id,
    name: def.name,
    secret: { description: 'the signing secret', envVar: `${envPrefix(def.id)}_WEBHOOK_SECRET`, services: [] },
    detection: { signatureHeaders: [signatureHeader], markerHeaders: [] },
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
        signedAt = parseUnixTime(timestamp, unit);
        if (signedAt === undefined) return malformed(this, facts, `${timestampHeader} "${timestamp}" is not a Unix timestamp`);
      }
      const expected = hmac(def.algorithm, ctx.secret, signedParts(template, {
        body: bodyBuffer(ctx.req),
        timestamp: timestamp ?? '',
        method: ctx.req.method.toUpperCase(),
        url: ctx.publicUrl ?? ctx.req.url,
      }));
      return anyEqual(expected, signatures) ? matched(this, facts, ctx, signedAt) : mismatch(this, facts, 'body or secret differs', signedAt, ctx);
    },
    signing: {
      kind: 'secret',
      signsUrl: template.includes('{url}'),
      sign(request, secret, { now, targetUrl }) {
        let headers = [...request.rawHeaders];
        let timestamp = '';
        if (def.timestampHeader !== undefined) {
          timestamp = unit === 'ms' ? String(now) : unixSeconds(now);
          headers = setRawHeader(headers, def.timestampHeader, timestamp);
        }
        const signature = hmac(def.algorithm, secret, signedParts(template, {
          body: bodyBytes(request),
          timestamp,
          method: request.method.toUpperCase(),
          url: template.includes('{url}') ? targetUrl() : request.url,
        }));
        return withHeaders(request, setRawHeader(headers, def.signatureHeader, prefix + signature.toString(def.encoding)));
      },
    },
    deliveryId: def.deliveryIdHeader !== undefined
      ? { kind: 'header', headers: [def.deliveryIdHeader.toLowerCase()] }
      : { kind: 'none', reason: `${def.name} has no deliveryIdHeader in its custom provider settings, so duplicates are not detected.` },
    event: def.eventHeader !== undefined
      ? { kind: 'header', header: def.eventHeader }
      : def.eventField !== undefined ? { kind: 'field', field: def.eventField } : { kind: 'none' },
    payloadFormat: { form: null },
    timestamp: def.timestampHeader !== undefined
      ? { signed: true, location: def.timestampHeader, unit, providerToleranceSeconds: undefined }
      : { signed: false },
    delivery: {
      responseTimeoutSeconds: undefined,
      ackStatus: 200,
      retries: { automatic: undefined, schedule: 'not known for a custom provider' },
      disabling: undefined,
    },
    handshake: null,
    handler: { typescript: typeScriptFragment(def), python: pythonFragment(def) },
    testing: {
      newDeliveryId: newUuid,
      retries: UNMARKED_RETRIES,
      malformedSignatures: [
        { header: def.signatureHeader, value: `${prefix}${NOT_ENCODED}`, what: `characters that are not ${def.encoding}` },
        { header: def.signatureHeader, value: `${prefix}${zeros(bytes + 1, def.encoding)}`, what: 'a signature one byte too long' },
        ...(prefix ? [{ header: def.signatureHeader, value: zeros(bytes, def.encoding), what: `no "${prefix}" prefix` }] : []),
      ],
      rotation: null,
    },
  };
}

/** The signed content, template text and placeholder values in order, for `hmac`. */
function signedParts(template: string, values: Record<Placeholder, string | Buffer>): (string | Buffer)[] {
  return template.split(/(\{(?:body|timestamp|method|url)\})/).map((part) => {
    const placeholder = PLACEHOLDER.exec(part);
    return placeholder ? values[placeholder[1] as Placeholder] : part;
  });
}

/** `verifySignature` for the generated handler, built from the same settings. */
function typeScriptFragment(def: CustomProvider): TypeScriptHandlerFragment {
  const template = def.signedContent ?? '{body}';
  const prefix = def.prefix ?? '';
  const helpers: TypeScriptHelper[] = ['safeEqual'];
  const lines: string[] = [];
  lines.push(`const header = delivery.header(${quote(def.signatureHeader.toLowerCase())}) ?? '';`);
  if (prefix) lines.push(`if (!header.startsWith(${quote(prefix)})) return false;`);
  if (def.timestampHeader !== undefined) {
    helpers.push('isFresh');
    const seconds = def.timestampUnit === 'ms' ? 'Number(timestamp) / 1000' : 'Number(timestamp)';
    lines.push(`const timestamp = delivery.header(${quote(def.timestampHeader.toLowerCase())}) ?? '';`);
    lines.push(`if (!/^\\d+$/.test(timestamp) || !isFresh(${seconds})) return false;`);
  }
  const updates = template
    .split(/(\{(?:body|timestamp|method|url)\})/)
    .filter((part) => part !== '')
    .map((part) => {
      switch (PLACEHOLDER.exec(part)?.[1]) {
        case 'body':
          return '.update(delivery.rawBody)';
        case 'timestamp':
          return '.update(timestamp)';
        case 'method':
          return '.update(delivery.method.toUpperCase())';
        case 'url':
          if (!helpers.includes('publicUrl')) helpers.push('publicUrl');
          return '.update(publicUrl(delivery))';
        default:
          return `.update(${quote(part)})`;
      }
    });
  lines.push(`const expected = createHmac(${quote(def.algorithm)}, secret)`, ...updates.map((update) => `  ${update}`), '  .digest();');
  const signature = prefix ? `header.slice(${prefix.length})` : 'header';
  lines.push(`return safeEqual(Buffer.from(${signature}, ${quote(def.encoding)}), expected);`);
  const safeName = def.name.replace(/[\r\n]|\*\//g, ' ');
  const doc = docComment(
    `${safeName} (a custom provider from the settings): ${def.signatureHeader}: ${prefix}<${def.encoding} HMAC-${def.algorithm.toUpperCase()}> of ${template.replace(/\*\//g, '* /')}.`,
  );
  return {
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers,
    verifyFunction: [doc, 'function verifySignature(delivery: Delivery, secret: string): boolean {', ...lines.map((line) => `  ${line}`), '}'].join('\n'),
  };
}

/** `verify_signature` for a generated Python handler, built from the same settings. */
function pythonFragment(def: CustomProvider): PythonHandlerFragment {
  const template = def.signedContent ?? '{body}';
  const prefix = def.prefix ?? '';
  const helpers: PythonHelper[] = [];
  const imports = new Set(['hashlib', 'hmac']);
  const lines: string[] = [];
  lines.push(`header = delivery.header(${pyString(def.signatureHeader.toLowerCase())}) or ""`);
  if (prefix) lines.push(`if not header.startswith(${pyString(prefix)}):`, '    return False');
  lines.push(`given = header[${prefix.length}:]`);
  if (def.encoding === 'hex') {
    imports.add('re');
    lines.push('if not re.fullmatch(r"(?:[0-9a-fA-F]{2})+", given):', '    return False', 'signature = bytes.fromhex(given)');
  } else {
    imports.add('base64').add('binascii');
    lines.push('try:', '    signature = base64.b64decode(given, validate=True)', 'except binascii.Error:', '    return False');
  }
  if (def.timestampHeader !== undefined) {
    helpers.push('is_fresh');
    const seconds = def.timestampUnit === 'ms' ? 'unix_time(timestamp) / 1000' : 'unix_time(timestamp)';
    lines.push(`timestamp = delivery.header(${pyString(def.timestampHeader.toLowerCase())}) or ""`);
    lines.push(`if not is_fresh(${seconds}):`, '    return False');
  }
  const parts = template
    .split(/(\{(?:body|timestamp|method|url)\})/)
    .filter((part) => part !== '')
    .map((part) => {
      switch (PLACEHOLDER.exec(part)?.[1]) {
        case 'body':
          return 'delivery.raw_body';
        case 'timestamp':
          return 'timestamp.encode()';
        case 'method':
          return 'delivery.method.upper().encode()';
        case 'url':
          if (!helpers.includes('public_url')) helpers.push('public_url');
          return 'public_url(delivery).encode()';
        default:
          return `${pyString(part)}.encode()`;
      }
    });
  lines.push(`signed = b"".join([${parts.join(', ')}])`);
  lines.push(`expected = hmac.new(secret.encode(), signed, hashlib.${def.algorithm}).digest()`);
  lines.push('return hmac.compare_digest(signature, expected)');
  const safeName = def.name.replace(/[\r\n]/g, ' ');
  const doc = docstringText(
    `${safeName} (a custom provider from the settings): ${def.signatureHeader}: ${prefix}<${def.encoding} HMAC-${def.algorithm.toUpperCase()}> of ${template}.`,
  ).replace(/\n/g, '\\n');
  return {
    imports: [...imports].sort(),
    fromImports: [],
    packages: [],
    helpers,
    verifyFunction: ['def verify_signature(delivery: Delivery, secret: str) -> bool:', `    """${doc}"""`, ...lines.map((line) => `    ${line}`)].join('\n'),
  };
}
