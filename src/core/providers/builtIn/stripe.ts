import { code } from '../../codegen/handlers/sourceText';
import type { ProviderDefinition } from '../providerDefinition';
import { ALPHABETS, randomText, UNMARKED_RETRIES } from '../testingParts';
import { keyValueFragment, keyValuePythonFragment, malformedKeyValue, signKeyValue, verifyKeyValue, type KeyValueScheme } from './keyValueSignature';

const SCHEME: KeyValueScheme = { header: 'Stripe-Signature', separator: ',', timestampKey: 't', signatureKey: 'v1', joiner: '.' };

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of `<t>.<body>`;
 * other schemes (v0) are ignored. https://docs.stripe.com/webhooks#verify-manually
 */
export const stripe: ProviderDefinition<'stripe'> = {
  id: 'stripe',
  name: 'Stripe',
  secret: { description: 'the endpoint signing secret (whsec_…)', envVar: 'STRIPE_WEBHOOK_SECRET', services: [] },
  detection: { signatureHeaders: ['stripe-signature'], markerHeaders: [], userAgentPrefix: 'Stripe/' },
  verify(ctx) {
    return verifyKeyValue(SCHEME, this, ctx);
  },
  signing: {
    kind: 'secret',
    signsUrl: false,
    sign: (request, secret, { now }) => signKeyValue(SCHEME, request, secret, now),
  },
  // The event's id; a retry sends the same event. https://docs.stripe.com/webhooks#handle-duplicate-events
  deliveryId: { kind: 'field', fields: ['id'] },
  event: { kind: 'field', field: 'type' },
  payloadFormat: { form: null },
  // The SDKs' default tolerance is 300 s. https://docs.stripe.com/webhooks#replay-attacks
  timestamp: { signed: true, location: 'the t= part of Stripe-Signature', unit: 's', providerToleranceSeconds: 300 },
  // https://docs.stripe.com/webhooks#retries (no fixed response timeout is documented; answer 2xx
  // before any slow work: https://docs.stripe.com/webhooks#acknowledge-events-immediately)
  delivery: {
    responseTimeoutSeconds: undefined,
    ackStatus: 200,
    retries: { automatic: true, schedule: 'live mode: exponential backoff for up to 3 days; sandboxes: 3 times over a few hours' },
    disabling: 'Stripe emails you about an endpoint that keeps failing and may disable it; events are not retried while it is disabled',
  },
  handshake: null,
  handler: {
    typescript: {
      ...keyValueFragment(
        SCHEME,
        code`
          /**
           * Stripe: \`Stripe-Signature: t=<unix seconds>,v1=<hex>,v1=<hex>…\`, each v1 an HMAC-SHA256 of
           * \`<t>.<body>\`. Several v1 entries appear while a secret is being rolled; one match is enough.
           */`,
      ),
      // stripe-node types every event as a member of the union Stripe.Event, discriminated by `type`.
      officialTypes: {
        package: 'stripe',
        importLine: "import type Stripe from 'stripe';",
        eventListFiles: ['cjs/resources/Events.d.ts', 'esm/resources/Events.d.ts', 'types/EventTypes.d.ts'],
        eventsIn: (declarations) => [...declarations.matchAll(/^\s*type: '([\w.]+)';$/gm)].map((m) => m[1] ?? ''),
        eventType: (eventName) => `Extract<Stripe.Event, { type: ${JSON.stringify(eventName)} }>`,
        unionType: 'Stripe.Event',
      },
    },
    python: keyValuePythonFragment(SCHEME, 'Stripe: ``Stripe-Signature: t=<unix seconds>,v1=<hex>,…``, each v1 an HMAC-SHA256 of ``<t>.<body>``.'),
  },
  testing: {
    newDeliveryId: () => `evt_${randomText(ALPHABETS.alphanumeric, 24)}`,
    // A retry is the same event sent again, marked no differently. https://docs.stripe.com/webhooks#retries
    retries: UNMARKED_RETRIES,
    malformedSignatures: malformedKeyValue(SCHEME),
    // While an endpoint secret is rolled, Stripe signs with both: https://docs.stripe.com/webhooks#roll-endpoint-secrets
    rotation: {
      description: 'two v1= signatures in Stripe-Signature, one per secret, as while a secret is rolled',
      sign: (request, secrets, { now }) => signKeyValue(SCHEME, request, secrets, now),
    },
  },
};
