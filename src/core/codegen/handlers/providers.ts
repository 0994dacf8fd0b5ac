import { envPrefix } from './identifiers';
import { code, docComment } from './sourceText';

/** Where a provider puts the id a redelivery repeats; `none` carries the reason as a comment. */
export type ProviderDeliveryId = { headers: string[] } | { field: string } | { none: string };

/** Helpers of the generated file a verification function relies on. */
export type VerificationHelper = 'safeEqual' | 'isFresh' | 'publicUrl';

/** How one provider signs and identifies its deliveries, as pieces of generated code. */
export interface ProviderScheme {
  displayName: string;
  defaultSecretEnvVar: string;
  /** Names imported from `node:crypto`. */
  cryptoImports: string[];
  helpers: VerificationHelper[];
  /** Source of `function verifySignature(delivery: Delivery, secret: string): boolean`, doc comment first. */
  verifyFunction: string;
  deliveryId: ProviderDeliveryId;
  /** `form` bodies are `application/x-www-form-urlencoded` and parse into a string record. */
  bodyFormat: 'json' | 'form';
  /** Statements run once the payload (a non-null object) is parsed; they may return a `Reception`. */
  afterParse?: string;
  /** The status a provider expects for an accepted delivery. */
  ackStatus: 200 | 204;
  /** False for the placeholder of an unknown provider. */
  known: boolean;
}

const HEX_SHA256 = '/^[0-9a-f]{64}$/i';

const schemes: Record<string, Omit<ProviderScheme, 'known'>> = {
  github: {
    displayName: 'GitHub',
    defaultSecretEnvVar: 'GITHUB_WEBHOOK_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual'],
    verifyFunction: code`
      /** GitHub: \`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>\`. */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const match = /^sha256=([0-9a-f]{64})$/i.exec(delivery.header('x-hub-signature-256') ?? '');
        if (!match) return false;
        const expected = createHmac('sha256', secret).update(delivery.rawBody).digest();
        return safeEqual(Buffer.from(match[1], 'hex'), expected);
      }`,
    deliveryId: { headers: ['x-github-delivery'] },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  stripe: {
    displayName: 'Stripe',
    defaultSecretEnvVar: 'STRIPE_WEBHOOK_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh'],
    verifyFunction: code`
      /**
       * Stripe: \`Stripe-Signature: t=<unix seconds>,v1=<hex>,v1=<hex>…\`, each v1 an HMAC-SHA256 of
       * \`<t>.<body>\`. Several v1 entries appear while a secret is being rolled; one match is enough.
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        let timestamp: string | undefined;
        const signatures: Buffer[] = [];
        for (const part of (delivery.header('stripe-signature') ?? '').split(',')) {
          const [key, value = ''] = part.split('=', 2);
          if (key === 't') timestamp = value;
          else if (key === 'v1' && ${HEX_SHA256}.test(value)) signatures.push(Buffer.from(value, 'hex'));
        }
        if (timestamp === undefined || !isFresh(Number(timestamp))) return false;
        const expected = createHmac('sha256', secret).update(\`\${timestamp}.\`).update(delivery.rawBody).digest();
        return signatures.some((signature) => safeEqual(signature, expected));
      }`,
    deliveryId: { field: 'id' },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  slack: {
    displayName: 'Slack',
    defaultSecretEnvVar: 'SLACK_SIGNING_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh'],
    verifyFunction: code`
      /** Slack: \`X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<body>">\`. */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const timestamp = delivery.header('x-slack-request-timestamp') ?? '';
        const match = /^v0=([0-9a-f]{64})$/i.exec(delivery.header('x-slack-signature') ?? '');
        if (!match || !isFresh(Number(timestamp))) return false;
        const expected = createHmac('sha256', secret).update(\`v0:\${timestamp}:\`).update(delivery.rawBody).digest();
        return safeEqual(Buffer.from(match[1], 'hex'), expected);
      }`,
    deliveryId: { field: 'event_id' },
    bodyFormat: 'json',
    afterParse: code`
      // Slack checks a new Request URL with a (signed) challenge that must be echoed back.
      if (stringField(payload, 'type') === 'url_verification') {
        return { status: 200, body: { challenge: stringField(payload, 'challenge') ?? '' } };
      }`,
    ackStatus: 200,
  },
  'standard-webhooks': {
    displayName: 'Standard Webhooks',
    defaultSecretEnvVar: 'WEBHOOK_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh'],
    verifyFunction: code`
      /**
       * Standard Webhooks (Svix, Clerk, Resend…): \`webhook-signature: v1,<base64> v1,<base64>…\`, each an
       * HMAC-SHA256 of \`<webhook-id>.<webhook-timestamp>.<body>\` keyed with the base64-decoded secret
       * after its \`whsec_\` prefix. Svix sends the same headers named \`svix-*\`.
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const id = delivery.header('webhook-id') ?? delivery.header('svix-id');
        const timestamp = delivery.header('webhook-timestamp') ?? delivery.header('svix-timestamp');
        const signatures = delivery.header('webhook-signature') ?? delivery.header('svix-signature');
        if (!id || !timestamp || !signatures || !isFresh(Number(timestamp))) return false;
        const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
        const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\`).update(delivery.rawBody).digest();
        return signatures.split(' ').some((entry) => {
          const [version, signature] = entry.split(',', 2);
          return version === 'v1' && signature !== undefined && safeEqual(Buffer.from(signature, 'base64'), expected);
        });
      }`,
    deliveryId: { headers: ['webhook-id', 'svix-id'] },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  shopify: {
    displayName: 'Shopify',
    defaultSecretEnvVar: 'SHOPIFY_WEBHOOK_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual'],
    verifyFunction: code`
      /** Shopify: \`X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>\`, keyed with the app's client secret. */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const signature = delivery.header('x-shopify-hmac-sha256');
        if (!signature) return false;
        const expected = createHmac('sha256', secret).update(delivery.rawBody).digest();
        return safeEqual(Buffer.from(signature, 'base64'), expected);
      }`,
    deliveryId: { headers: ['x-shopify-event-id', 'x-shopify-webhook-id'] },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  paddle: {
    displayName: 'Paddle',
    defaultSecretEnvVar: 'PADDLE_WEBHOOK_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh'],
    verifyFunction: code`
      /**
       * Paddle Billing: \`Paddle-Signature: ts=<unix seconds>;h1=<hex HMAC-SHA256 of "<ts>:<body>">\`;
       * h1 repeats while a secret is being rotated.
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        let timestamp: string | undefined;
        const signatures: Buffer[] = [];
        for (const part of (delivery.header('paddle-signature') ?? '').split(';')) {
          const [key, value = ''] = part.split('=', 2);
          if (key === 'ts') timestamp = value;
          else if (key === 'h1' && ${HEX_SHA256}.test(value)) signatures.push(Buffer.from(value, 'hex'));
        }
        if (timestamp === undefined || !isFresh(Number(timestamp))) return false;
        const expected = createHmac('sha256', secret).update(\`\${timestamp}:\`).update(delivery.rawBody).digest();
        return signatures.some((signature) => safeEqual(signature, expected));
      }`,
    deliveryId: { field: 'event_id' },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  linear: {
    displayName: 'Linear',
    defaultSecretEnvVar: 'LINEAR_WEBHOOK_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh'],
    verifyFunction: code`
      /** Linear: \`Linear-Signature: <hex HMAC-SHA256 of the body>\`; its timestamp is checked once the body is parsed. */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const signature = delivery.header('linear-signature') ?? '';
        if (!${HEX_SHA256}.test(signature)) return false;
        const expected = createHmac('sha256', secret).update(delivery.rawBody).digest();
        return safeEqual(Buffer.from(signature, 'hex'), expected);
      }`,
    deliveryId: { headers: ['linear-delivery'] },
    bodyFormat: 'json',
    afterParse: code`
      // Linear's timestamp (milliseconds) is inside the signed body, so a replay is only caught here.
      const sentAt = (payload as { webhookTimestamp?: unknown }).webhookTimestamp;
      if (typeof sentAt !== 'number' || !isFresh(sentAt / 1000)) {
        return { status: 401, body: { error: 'stale or missing webhookTimestamp' } };
      }`,
    ackStatus: 200,
  },
  gitlab: {
    displayName: 'GitLab',
    defaultSecretEnvVar: 'GITLAB_WEBHOOK_TOKEN',
    cryptoImports: ['createHash', 'timingSafeEqual'],
    helpers: ['safeEqual'],
    verifyFunction: code`
      /**
       * GitLab signs nothing: \`X-Gitlab-Token\` carries the webhook's secret token itself. Both sides
       * are hashed first so the comparison takes the same time whatever the token's length.
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const token = delivery.header('x-gitlab-token');
        if (token === undefined) return false;
        const digest = (value: string) => createHash('sha256').update(value).digest();
        return safeEqual(digest(token), digest(secret));
      }`,
    deliveryId: { headers: ['idempotency-key', 'x-gitlab-event-uuid'] },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  hubspot: {
    displayName: 'HubSpot',
    defaultSecretEnvVar: 'HUBSPOT_CLIENT_SECRET',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'isFresh', 'publicUrl'],
    verifyFunction: code`
      /**
       * HubSpot (v3): \`X-HubSpot-Signature-v3: <base64 HMAC-SHA256 of method + URL + body + timestamp>\`,
       * keyed with the app's client secret; \`X-HubSpot-Request-Timestamp\` is in milliseconds.
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const signature = delivery.header('x-hubspot-signature-v3');
        const timestamp = delivery.header('x-hubspot-request-timestamp') ?? '';
        if (!signature || !isFresh(Number(timestamp) / 1000)) return false;
        const expected = createHmac('sha256', secret)
          .update(\`\${delivery.method}\${publicUrl(delivery)}\`)
          .update(delivery.rawBody)
          .update(timestamp)
          .digest();
        return safeEqual(Buffer.from(signature, 'base64'), expected);
      }`,
    deliveryId: {
      none: "HubSpot batches several events into one request and sends no delivery id: deduplicate on each event's eventId inside your handler.",
    },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  twilio: {
    displayName: 'Twilio',
    defaultSecretEnvVar: 'TWILIO_AUTH_TOKEN',
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
    deliveryId: { headers: ['i-twilio-idempotency-token'] },
    bodyFormat: 'form',
    ackStatus: 200,
  },
  square: {
    displayName: 'Square',
    defaultSecretEnvVar: 'SQUARE_WEBHOOK_SIGNATURE_KEY',
    cryptoImports: ['createHmac', 'timingSafeEqual'],
    helpers: ['safeEqual', 'publicUrl'],
    verifyFunction: code`
      /**
       * Square: \`X-Square-HmacSha256-Signature: <base64 HMAC-SHA256 of notification URL + body>\`, keyed
       * with the subscription's signature key.
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const signature = delivery.header('x-square-hmacsha256-signature');
        if (!signature) return false;
        const expected = createHmac('sha256', secret).update(publicUrl(delivery)).update(delivery.rawBody).digest();
        return safeEqual(Buffer.from(signature, 'base64'), expected);
      }`,
    deliveryId: { field: 'event_id' },
    bodyFormat: 'json',
    ackStatus: 200,
  },
  discord: {
    displayName: 'Discord',
    defaultSecretEnvVar: 'DISCORD_PUBLIC_KEY',
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
    deliveryId: { none: 'Discord webhook events carry no delivery id.' },
    bodyFormat: 'json',
    afterParse: code`
      // Discord checks the URL with a PING (type 0) that wants its 204 and nothing else.
      if ((payload as { type?: unknown }).type === 0) return { status: 204 };`,
    ackStatus: 204,
  },
  sendgrid: {
    displayName: 'SendGrid',
    defaultSecretEnvVar: 'SENDGRID_WEBHOOK_VERIFICATION_KEY',
    cryptoImports: ['createPublicKey', 'verify'],
    helpers: ['isFresh'],
    verifyFunction: code`
      /**
       * SendGrid Event Webhook: \`X-Twilio-Email-Event-Webhook-Signature: <base64 ECDSA P-256 signature
       * of timestamp + body>\`. The "secret" is the verification key SendGrid shows (base64 DER).
       */
      function verifySignature(delivery: Delivery, secret: string): boolean {
        const signature = delivery.header('x-twilio-email-event-webhook-signature');
        const timestamp = delivery.header('x-twilio-email-event-webhook-timestamp') ?? '';
        if (!signature || !isFresh(Number(timestamp))) return false;
        try {
          const key = createPublicKey({ key: Buffer.from(secret, 'base64'), format: 'der', type: 'spki' });
          const message = Buffer.concat([Buffer.from(timestamp), delivery.rawBody]);
          return verify('sha256', message, key, Buffer.from(signature, 'base64'));
        } catch {
          return false; // a malformed key or signature
        }
      }`,
    deliveryId: {
      none: "SendGrid batches several events into one request and sends no delivery id: deduplicate on each event's sg_event_id inside your handler.",
    },
    bodyFormat: 'json',
    ackStatus: 200,
  },
};

/** The scheme of a known provider, or the reject-everything placeholder for any other. */
export function providerScheme(provider: string): ProviderScheme {
  const known = Object.prototype.hasOwnProperty.call(schemes, provider) ? schemes[provider] : undefined;
  if (known) return { ...known, known: true };
  return {
    displayName: provider,
    defaultSecretEnvVar: `${envPrefix(provider)}_WEBHOOK_SECRET`,
    cryptoImports: [],
    helpers: [],
    verifyFunction: [
      '/**',
      ' * !!! SIGNATURE VERIFICATION IS NOT IMPLEMENTED: EVERY DELIVERY IS REJECTED (401) !!!',
      ' *',
      docComment(
        `Webhook Workbench does not know how ${JSON.stringify(provider.replace(/[\r\n]|\*\//g, ' '))} signs its deliveries. Implement this from the provider's documentation: recompute the signature over \`delivery.rawBody\` (the exact bytes) with node:crypto, compare with timingSafeEqual, and reject stale timestamps. Never just return true: anyone who learns this URL could then send you forged events.`,
      )
        .split('\n')
        .slice(1),
      code`
        function verifySignature(delivery: Delivery, secret: string): boolean {
          void delivery;
          void secret;
          return false;
        }`,
    ].flat().join('\n'),
    deliveryId: { none: 'The provider is unknown, so no delivery id is read: duplicates are not detected.' },
    bodyFormat: 'json',
    ackStatus: 200,
    known: false,
  };
}

