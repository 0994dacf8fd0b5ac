import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { ALPHABETS, randomText, UNMARKED_RETRIES } from '../testingParts';
import { keyValueFragment, keyValuePythonFragment, malformedKeyValue, signKeyValue, verifyKeyValue, type KeyValueScheme } from './keyValueSignature';

const SCHEME: KeyValueScheme = { header: 'Paddle-Signature', separator: ';', timestampKey: 'ts', signatureKey: 'h1', joiner: ':' };

/**
 * Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]`, each h1 an HMAC-SHA256 of
 * `<ts>:<body>`. https://developer.paddle.com/webhooks/signature-verification
 */
export const paddle: ProviderDefinition<'paddle'> = {
  id: 'paddle',
  name: 'Paddle',
  secret: { description: 'the notification destination secret (pdl_ntfset_…)', envVar: 'PADDLE_WEBHOOK_SECRET', services: [] },
  detection: { signatureHeaders: ['paddle-signature'], markerHeaders: [] },
  verify(ctx) {
    return verifyKeyValue(SCHEME, this, ctx);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign: (request, secret, { now }) => signKeyValue(SCHEME, request, secret, now),
  },
  // event_id names the event (the same on every retry); notification_id names its delivery to this
  // destination. https://developer.paddle.com/webhooks/overview
  deliveryId: { kind: 'field', fields: ['event_id', 'notification_id'] },
  event: { kind: 'field', field: 'event_type' },
  payloadFormat: { form: null },
  // @paddle/paddle-node-sdk refuses signatures older than 5 s by default.
  timestamp: { signed: true, location: 'the ts= part of Paddle-Signature', unit: 's', providerToleranceSeconds: 5 },
  // https://developer.paddle.com/webhooks/respond-to-webhooks
  delivery: {
    responseTimeoutSeconds: 5,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'live: up to 60 retries over 3 days, exponential backoff; sandbox: 3 retries within 15 minutes' },
    disabling: undefined,
  },
  handshake: null,
  handler: {
    typescript: keyValueFragment(
      SCHEME,
      code`
        /**
         * Paddle Billing: \`Paddle-Signature: ts=<unix seconds>;h1=<hex HMAC-SHA256 of "<ts>:<body>">\`;
         * h1 repeats while a secret is being rotated.
         */`,
    ),
    python: keyValuePythonFragment(SCHEME, 'Paddle Billing: ``Paddle-Signature: ts=<unix seconds>;h1=<hex HMAC-SHA256 of "<ts>:<body>">``.'),
  },
  testing: {
    newDeliveryId: () => `evt_${randomText(ALPHABETS.lowerAlphanumeric, 26)}`,
    retries: UNMARKED_RETRIES,
    malformedSignatures: malformedKeyValue(SCHEME),
    // "h1 … may contain more than one signature while a secret is rotated": the verification guide above.
    rotation: {
      description: 'two h1= signatures in Paddle-Signature, one per secret, as while a secret is rotated',
      sign: (request, secrets, { now }) => signKeyValue(SCHEME, request, secrets, now),
    },
  },
};
