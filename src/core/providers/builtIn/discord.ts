import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { setRawHeader } from '../../signatures/rawHeaderEdits';
import { bodyBuffer, headerValue } from '../../signatures/requestParts';
import { parseUnixTime } from '../../signatures/signatureAge';
import { decodeHex } from '../../signatures/signatureEncoding';
import { malformed, matched, mismatch, unusableSecret } from '../../signatures/signatureVerdict';
import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { bodyBytes, testPrivateKey, unixSeconds, withHeaders } from '../signingParts';
import { randomDigits, UNMARKED_RETRIES, zeros } from '../testingParts';
import { CRYPTOGRAPHY_PACKAGE } from './pythonPackages';

/** Interaction types by number. https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type */
const INTERACTION_TYPES = {
  0: 'WEBHOOK_PING',
  1: 'PING',
  2: 'APPLICATION_COMMAND',
  3: 'MESSAGE_COMPONENT',
  4: 'APPLICATION_COMMAND_AUTOCOMPLETE',
  5: 'MODAL_SUBMIT',
};

/** DER prefix that turns a raw 32-byte Ed25519 key into a SubjectPublicKeyInfo Node can import. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Discord (interactions and Webhook Events): `X-Signature-Ed25519: <hex>` over
 * `<X-Signature-Timestamp><body>`, checked with the application's public key (hex), not a shared
 * secret. https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 */
export const discord: ProviderDefinition<'discord'> = {
  id: 'discord',
  name: 'Discord',
  secret: { description: 'the application public key (hex)', envVar: 'DISCORD_PUBLIC_KEY', services: [] },
  detection: { signatureHeaders: ['x-signature-ed25519'], markerHeaders: ['x-signature-timestamp'] },
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
  signing: {
    kind: 'private-key',
    reason: 'Discord signs interactions with its Ed25519 private key; the application public key you have can only verify them.',
    testKeys: {
      algorithm: 'Ed25519',
      publicKeyDescription: 'the application public key (hex)',
      generate() {
        const { privateKey, publicKey } = generateKeyPairSync('ed25519');
        return { privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: rawPublicKeyHex(publicKey) };
      },
      publicKeyOf: (privateKey) => rawPublicKeyHex(createPublicKey(testPrivateKey(privateKey, 'ed25519'))),
      sign(request, privateKey, { now }) {
        const timestamp = unixSeconds(now);
        const signature = sign(null, Buffer.concat([Buffer.from(timestamp), bodyBytes(request)]), testPrivateKey(privateKey, 'ed25519'));
        const headers = setRawHeader(request.rawHeaders, 'X-Signature-Timestamp', timestamp);
        return withHeaders(request, setRawHeader(headers, 'X-Signature-Ed25519', signature.toString('hex')));
      },
    },
  },
  // An interaction's id; Webhook Events carry none at the top level.
  deliveryId: { kind: 'field', fields: ['id'] },
  // Webhook Events name theirs in event.type (APPLICATION_AUTHORIZED…); interactions by their type
  // number, named as Discord's documentation names them. The PINGs are answered by the handler.
  // https://discord.com/developers/docs/events/webhook-events#event-types,
  // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type
  event: {
    kind: 'field',
    field: 'event.type',
    alternatives: [{ path: 'type', names: INTERACTION_TYPES }],
    handshakes: ['WEBHOOK_PING', 'PING'],
  },
  payloadFormat: { form: null },
  timestamp: { signed: true, location: 'X-Signature-Timestamp', unit: 's', providerToleranceSeconds: undefined },
  // Interactions want their first answer within 3 s (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction);
  // Webhook Events a 204 (https://discord.com/developers/docs/events/webhook-events#responding-to-an-event).
  delivery: {
    responseTimeoutSeconds: 3,
    ackStatus: 204,
    retries: { automatic: false, schedule: 'not documented' },
    disabling: 'Discord sends deliberately invalid signatures and removes an interactions endpoint that accepts one',
  },
  // https://discord.com/developers/docs/events/webhook-events#preparing-for-events: a PING (type 0) wants a 204.
  // (An interactions endpoint gets a PING of type 1 and must answer {"type":1}: the generated handlers do both.)
  handshake: {
    kind: 'discord-webhook-ping',
    description: 'When the Webhook Events URL is set, Discord POSTs a signed PING ({"type":0}) and expects 204 with no body.',
    expectedAnswer: '204 with an empty body',
    // "validate the signature headers" and refuse a PING whose signature does not verify (the page above).
    refusesBadSignature: true,
    body: () => JSON.stringify({ version: 1, application_id: '1234567890123456789', type: 0 }),
    accepts: (answer) => answer.status === 204 && answer.body === '',
    // https://discord.com/developers/docs/interactions/receiving-and-responding#receiving-an-interaction:
    // an interactions endpoint is checked with a PING (type 1, with a token) answered {"type":1}.
    alternative: {
      kind: 'discord-interactions-ping',
      description: 'When the Interactions Endpoint URL is set, Discord POSTs a signed PING ({"type":1}) and expects {"type":1} back.',
      expectedAnswer: '200 with {"type":1}',
      refusesBadSignature: true,
      body: (challenge) => JSON.stringify({ id: '1234567890123456780', application_id: '1234567890123456789', type: 1, token: challenge, version: 1 }),
      accepts(answer) {
        if (answer.status !== 200) return false;
        try {
          return (JSON.parse(answer.body) as { type?: unknown }).type === 1;
        } catch {
          return false;
        }
      },
      alternative: null,
    },
  },
  handler: {
    typescript: {
      cryptoImports: ['createPublicKey', 'verify'],
      helpers: ['isFresh'],
      verifyFunction: code`
        /**
         * Discord: \`X-Signature-Ed25519: <hex Ed25519 signature of timestamp + body>\`, with the timestamp
         * in \`X-Signature-Timestamp\`. The "secret" is the application's public key (hex).
         */
        function verifySignature(delivery: Delivery, secret: string): boolean {
          const signature = delivery.header('x-signature-ed25519') ?? '';
          const timestamp = delivery.header('x-signature-timestamp') ?? '';
          if (!/^[0-9a-f]{128}$/i.test(signature) || !/^[0-9a-f]{64}$/i.test(secret) || !isFresh(Number(timestamp))) {
            return false;
          }
          // Node takes a raw Ed25519 key only inside a DER SubjectPublicKeyInfo: this is its fixed header.
          const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(secret, 'hex')]);
          const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
          const message = Buffer.concat([Buffer.from(timestamp), delivery.rawBody]);
          return verify(null, message, key, Buffer.from(signature, 'hex'));
        }`,
      afterParse: code`
        // Discord checks an endpoint with PINGs: Webhook Events send type 0 and want 204 with no body;
        // interactions (they carry a token) send type 1 and want {"type":1} back.
        const interaction = 'token' in payload;
        const kind = (payload as { type?: unknown }).type;
        if (!interaction && kind === 0) return { status: 204 };
        if (interaction && kind === 1) return { status: 200, body: { type: 1 } };`,
      acceptedAnswer: code`
        /**
         * Discord's answer to an accepted delivery. Webhook Events want 204 and nothing else. Interactions
         * (they carry a token) want an interaction response within 3 s, before your function runs: a command
         * or a modal gets "thinking…" (type 5), a component a deferred update (type 6); your function then
         * edits the original response (PATCH /webhooks/<application_id>/<token>/messages/@original).
         * Autocomplete cannot be deferred, so it gets no choices: answer it here if you offer any.
         */
        function acceptedAnswer(payload: object, _form: boolean): Reception {
          if (!('token' in payload)) return { status: 204 };
          switch ((payload as { type?: unknown }).type) {
            case 3:
              return { status: 200, body: { type: 6 } };
            case 4:
              return { status: 200, body: { type: 8, data: { choices: [] } } };
            default:
              return { status: 200, body: { type: 5 } };
          }
        }`,
    },
    python: {
      imports: ['re'],
      fromImports: [
        'from cryptography.exceptions import InvalidSignature',
        'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey',
      ],
      packages: [CRYPTOGRAPHY_PACKAGE],
      helpers: ['is_fresh'],
      verifyFunction: code`
        def verify_signature(delivery: Delivery, secret: str) -> bool:
            """Discord: \`\`X-Signature-Ed25519: <hex Ed25519 signature of timestamp + body>\`\`.

            The timestamp is in \`\`X-Signature-Timestamp\`\`; the "secret" is the application's public key
            (hex). Discord sends deliberately bad signatures now and then: they must be refused.
            """
            signature = delivery.header("x-signature-ed25519") or ""
            timestamp = delivery.header("x-signature-timestamp") or ""
            if not re.fullmatch(r"[0-9a-fA-F]{128}", signature) or not re.fullmatch(r"[0-9a-fA-F]{64}", secret):
                return False
            if not is_fresh(unix_time(timestamp)):
                return False
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(secret))
            try:
                key.verify(bytes.fromhex(signature), timestamp.encode() + delivery.raw_body)
            except InvalidSignature:
                return False
            return True`,
      afterParse: code`
        # Discord checks an endpoint with PINGs: Webhook Events send type 0 and want 204 with no body;
        # interactions (they carry a token) send type 1 and want {"type": 1} back.
        if isinstance(payload, dict):
            interaction = "token" in payload
            if not interaction and payload.get("type") == 0:
                return Reception(204)
            if interaction and payload.get("type") == 1:
                return Reception(200, {"type": 1})`,
      acceptedAnswer: code`
        def accepted_answer(payload: Payload, form: bool) -> Reception:
            """Discord's answer to an accepted delivery.

            Webhook Events want 204 and nothing else. Interactions (they carry a token) want an interaction
            response within 3 s, before your function runs: a command or a modal gets "thinking…" (type 5),
            a component a deferred update (type 6); your function then edits the original response
            (PATCH /webhooks/<application_id>/<token>/messages/@original). Autocomplete cannot be
            deferred, so it gets no choices: answer it here if you offer any.
            """
            if not isinstance(payload, dict) or "token" not in payload:
                return Reception(204)
            kind = payload.get("type")
            if kind == 3:
                return Reception(200, {"type": 6})
            if kind == 4:
                return Reception(200, {"type": 8, "data": {"choices": []}})
            return Reception(200, {"type": 5})`,
    },
  },
  testing: {
    // Interaction ids are snowflakes: 64-bit numbers written in decimal.
    newDeliveryId: () => randomDigits(19),
    retries: UNMARKED_RETRIES,
    malformedSignatures: [
      { header: 'X-Signature-Ed25519', value: 'z'.repeat(128), what: 'characters that are not hex' },
      { header: 'X-Signature-Ed25519', value: zeros(32, 'hex'), what: 'half the length of an Ed25519 signature' },
    ],
    rotation: null,
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

/** The raw 32-byte key, in hex, as the Developer Portal shows an application's public key. */
function rawPublicKeyHex(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length).toString('hex');
}
