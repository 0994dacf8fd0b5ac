// Each provider's real deliveries as the contract tests send them: the captures a developer would
// generate the handler from, a delivery of a captured event, one of an event nobody captured, and a
// signer — the provider's own SDK where it ships one (GitHub, Stripe, Standard Webhooks, Twilio,
// HubSpot), node:crypto as its documentation describes otherwise (Slack, Shopify, Paddle, Square,
// Linear, Discord's Ed25519, SendGrid's ECDSA), the settings' scheme for a custom provider.
import { createHash, createHmac, generateKeyPairSync, sign as signAsymmetric } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import type { CustomProvider, PayloadSample } from '../../../src/core';

/** A request before signing: headers and body, and a query its URL carries (Twilio's bodySHA256). */
export interface Delivery {
  query?: string;
  headers: Record<string, string>;
  body: string;
}

/** What a generated handler must answer to an accepted delivery. */
export interface ExpectedAnswer {
  status: number;
  /** The JSON body, when the answer is JSON. */
  json?: unknown;
  /** A text document and its content type (TwiML), when it is one. */
  text?: { contentType: string; content: string };
  /** No body at all. */
  empty?: true;
}

export interface ProviderKit {
  /** `github`, `custom:acme`. */
  provider: string;
  customProviders?: CustomProvider[];
  /** Environment the generated file reads, given the public origin the tests post "to". */
  env(publicOrigin: string): Record<string, string>;
  /** Captures the handler is generated from, as the extension stores them. */
  captures: PayloadSample[];
  /** A delivery of a captured event; `id` becomes its delivery id, and appears in its payload. */
  known(id: string): Delivery;
  /** The event of `known`, or undefined where the provider names none (one function gets all). */
  knownEvent: string | undefined;
  /** An event no capture had, and a delivery of it; undefined where the provider names no events. */
  unknown?: { event: string; delivery(id: string): Delivery };
  /** Correctly signed, but the body does not parse. */
  badBody(id: string): Delivery;
  sign(delivery: Delivery, url: string, at: number): Promise<Delivery> | Delivery;
  /** Headers that carry the signature (all removed for "missing signature"). */
  signatureHeaders: string[];
  /** Changes what the signature protects, keeping the signature: the body, or GitLab's token. */
  forge(signed: Delivery): Delivery;
  /** Whether the scheme signs a time, so an old signature is refused. */
  timestamped: boolean;
  accepted: ExpectedAnswer;
  duplicate: ExpectedAnswer;
}

export const PUBLIC_ORIGIN = 'https://hooks.example.ngrok.app';
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const RECEIVED: ExpectedAnswer = { status: 200, json: { received: true } };
const DUPLICATE: ExpectedAnswer = { status: 200, json: { received: true, duplicate: true } };
const seconds = (at: number) => String(Math.floor(at / 1000));
const hmac = (algorithm: string, key: string | Buffer, data: string) => createHmac(algorithm, key).update(data);
const capture = (headers: Record<string, string>, body: unknown): PayloadSample => ({
  headers,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
/** One byte more in the body: what a proxy that "fixes" JSON, or an attacker, would send. */
const changedBody = (signed: Delivery): Delivery => ({ ...signed, body: signed.body.replace(/.$/s, (last) => `${last === ' ' ? '\t' : ' '}${last}`) });

// @octokit/webhooks-methods is ESM-only: imported at run time through a specifier TypeScript does not resolve.
const OCTOKIT_WEBHOOKS_METHODS = '@octokit/webhooks-methods';
async function octokitSign(secret: string, payload: string): Promise<string> {
  const methods = (await import(OCTOKIT_WEBHOOKS_METHODS)) as { sign(secret: string, payload: string): Promise<string> };
  return methods.sign(secret, payload);
}

const GITHUB_SECRET = "It's a Secret to Everybody";
const github: ProviderKit = {
  provider: 'github',
  env: () => ({ GITHUB_WEBHOOK_SECRET: GITHUB_SECRET }),
  captures: [
    capture({ ...JSON_TYPE, 'x-github-event': 'push', 'x-github-delivery': 'c-1' }, {
      ref: 'refs/heads/main', before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246', after: '0000000000000000000000000000000000000000',
      commits: [{ id: '6113728f', message: 'Fix flaky test', timestamp: '2024-05-01T10:00:00Z' }],
      pusher: { name: 'octocat', email: null }, repository: { id: 1296269, full_name: 'octocat/Hello-World', private: false },
    }),
    capture({ ...JSON_TYPE, 'x-github-event': 'issues', 'x-github-delivery': 'c-2' }, {
      action: 'opened', issue: { number: 1347, title: 'Found a bug', closed_at: null, user: { login: 'octocat', id: 1 } },
      repository: { id: 1296269, full_name: 'octocat/Hello-World', private: false },
    }),
  ],
  known: (id) => ({
    headers: { ...JSON_TYPE, 'x-github-event': 'push', 'x-github-delivery': id, 'x-github-hook-id': '292430182' },
    body: JSON.stringify({
      ref: 'refs/heads/main', before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246', after: id,
      commits: [{ id, message: 'Update README', timestamp: '2024-05-02T10:00:00Z' }],
      pusher: { name: 'octocat', email: 'octocat@github.com' }, repository: { id: 1296269, full_name: 'octocat/Hello-World', private: false },
    }),
  }),
  knownEvent: 'push',
  unknown: { event: 'star', delivery: (id) => ({ headers: { ...JSON_TYPE, 'x-github-event': 'star', 'x-github-delivery': id }, body: JSON.stringify({ action: 'created', starred_at: '2024-05-02T10:00:00Z' }) }) },
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'x-github-event': 'push', 'x-github-delivery': id }, body: '{"ref": "refs/heads/main",' }),
  sign: async (d) => ({ ...d, headers: { ...d.headers, 'x-hub-signature-256': await octokitSign(GITHUB_SECRET, d.body) } }),
  signatureHeaders: ['x-hub-signature-256'],
  forge: changedBody,
  timestamped: false,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const STRIPE_SECRET = 'whsec_test_5f0c2b7e9a';
const stripeSdk = new Stripe('sk_test_not_used_for_requests');
const stripeEvent = (id: string, type: string, object: Record<string, unknown>) => ({
  id, object: 'event', api_version: '2024-06-20', created: 1714557600, livemode: false, pending_webhooks: 1,
  request: { id: null, idempotency_key: null }, type, data: { object },
});
const stripe: ProviderKit = {
  provider: 'stripe',
  env: () => ({ STRIPE_WEBHOOK_SECRET: STRIPE_SECRET }),
  captures: [
    capture(JSON_TYPE, stripeEvent('evt_c1', 'customer.created', { id: 'cus_1', object: 'customer', email: 'jenny@example.com', name: null })),
    capture(JSON_TYPE, stripeEvent('evt_c2', 'invoice.paid', { id: 'in_1', object: 'invoice', customer: 'cus_1', amount_paid: 1299, currency: 'usd', status: 'paid' })),
  ],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(stripeEvent(id, 'customer.created', { id: `cus_${id}`, object: 'customer', email: 'jenny@example.com', name: 'Jenny Rosen' })) }),
  knownEvent: 'customer.created',
  unknown: { event: 'charge.refunded', delivery: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(stripeEvent(id, 'charge.refunded', { id: 'ch_1', object: 'charge', amount_refunded: 100 })) }) },
  badBody: () => ({ headers: JSON_TYPE, body: '{"id": "evt_x", "type": ' }),
  sign: (d, _url, at) => ({ ...d, headers: { ...d.headers, 'stripe-signature': stripeSdk.webhooks.generateTestHeaderString({ payload: d.body, secret: STRIPE_SECRET, timestamp: Math.floor(at / 1000) }) } }),
  signatureHeaders: ['stripe-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const slackCallback = (id: string, event: Record<string, unknown>) => ({
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', team_id: 'T061EG9R6', api_app_id: 'A0PNCHHK2', type: 'event_callback',
  event_id: id, event_time: 1714557600, authorizations: [{ team_id: 'T061EG9R6', user_id: 'U061F7AUR', is_bot: true }], event,
});
/** Slack's signing scheme (https://api.slack.com/authentication/verifying-requests-from-slack); Slack ships no signer. */
export function slackSign(d: Delivery, at: number, secret = SLACK_SECRET): Delivery {
  const timestamp = seconds(at);
  return { ...d, headers: { ...d.headers, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${hmac('sha256', secret, `v0:${timestamp}:${d.body}`).digest('hex')}` } };
}
const slack: ProviderKit = {
  provider: 'slack',
  env: () => ({ SLACK_SIGNING_SECRET: SLACK_SECRET }),
  captures: [
    capture(JSON_TYPE, slackCallback('Ev1', { type: 'app_mention', user: 'U061F7AUR', text: '<@U0LAN0Z89> is it everything?', ts: '1515449522.000016', channel: 'C0LAN2Q65' })),
    capture(JSON_TYPE, slackCallback('Ev2', { type: 'message', user: 'U061F7AUR', text: 'hello', ts: '1515449523.000016', channel: 'C0LAN2Q65', channel_type: 'channel' })),
  ],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(slackCallback(id, { type: 'app_mention', user: 'U061F7AUR', text: `<@U0LAN0Z89> ${id}`, ts: '1515449524.000016', channel: 'C0LAN2Q65' })) }),
  knownEvent: 'app_mention',
  unknown: { event: 'reaction_added', delivery: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(slackCallback(id, { type: 'reaction_added', user: 'U061F7AUR', reaction: 'thumbsup', item: { type: 'message', channel: 'C0LAN2Q65', ts: '1' } })) }) },
  badBody: () => ({ headers: JSON_TYPE, body: '{"type": "event_callback", ' }),
  sign: (d, _url, at) => slackSign(d, at),
  signatureHeaders: ['x-slack-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const SHOPIFY_SECRET = 'shpss_test_secret';
const shopifyOrder = (id: number) => ({ id, email: 'jon@example.com', total_price: '403.00', currency: 'USD', line_items: [{ id: 1, sku: 'IPOD2008', quantity: 1, price: '199.00' }], customer: { id: 207119551, email: 'jon@example.com', first_name: null } });
const shopify: ProviderKit = {
  provider: 'shopify',
  env: () => ({ SHOPIFY_WEBHOOK_SECRET: SHOPIFY_SECRET }),
  captures: [
    capture({ ...JSON_TYPE, 'x-shopify-topic': 'orders/create', 'x-shopify-event-id': 'e-c1' }, shopifyOrder(820982911946154500)),
    capture({ ...JSON_TYPE, 'x-shopify-topic': 'customers/create', 'x-shopify-event-id': 'e-c2' }, { id: 706405506930370000, email: 'bob@example.com', first_name: 'Bob', tags: '' }),
  ],
  known: (id) => ({ headers: { ...JSON_TYPE, 'x-shopify-topic': 'orders/create', 'x-shopify-event-id': id, 'x-shopify-webhook-id': `w-${id}`, 'x-shopify-shop-domain': 'example.myshopify.com' }, body: JSON.stringify({ ...shopifyOrder(820982911946154500), note: id }) }),
  knownEvent: 'orders/create',
  unknown: { event: 'products/update', delivery: (id) => ({ headers: { ...JSON_TYPE, 'x-shopify-topic': 'products/update', 'x-shopify-event-id': id }, body: JSON.stringify({ id: 788032119674292900, title: 'Example T-Shirt' }) }) },
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'x-shopify-topic': 'orders/create', 'x-shopify-event-id': id }, body: '{"id": 8209829119461545' }),
  sign: (d) => ({ ...d, headers: { ...d.headers, 'x-shopify-hmac-sha256': hmac('sha256', SHOPIFY_SECRET, d.body).digest('base64') } }),
  signatureHeaders: ['x-shopify-hmac-sha256'],
  forge: changedBody,
  timestamped: false,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const TWILIO_TOKEN = 'twilio-auth-token-12345';
const TWIML: ExpectedAnswer = { status: 200, text: { contentType: 'text/xml', content: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' } };
const smsForm = (sid: string, body: string) => new URLSearchParams({
  ToCountry: 'US', ToState: 'CA', SmsMessageSid: sid, NumMedia: '0', ToCity: 'SAN FRANCISCO', FromZip: '94105', SmsSid: sid,
  FromState: 'CA', SmsStatus: 'received', FromCity: 'SAN FRANCISCO', Body: body, FromCountry: 'US', To: '+15558675310',
  ToZip: '94105', NumSegments: '1', MessageSid: sid, AccountSid: 'AC0123456789abcdef0123456789abcdef', From: '+14155552345', ApiVersion: '2010-04-01',
}).toString();
/** Twilio signs URL + sorted form parameters, or, for a JSON body, the URL carrying the body's SHA-256 (bodySHA256). */
export function twilioSign(d: Delivery, url: string, token = TWILIO_TOKEN): Delivery {
  const json = !d.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
  const query = json ? `?bodySHA256=${createHash('sha256').update(d.body).digest('hex')}` : d.query ?? '';
  const params = json ? {} : Object.fromEntries(new URLSearchParams(d.body));
  return { ...d, query, headers: { ...d.headers, 'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url + query, params) } };
}
const twilioKit: ProviderKit = {
  provider: 'twilio',
  env: (origin) => ({ TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_WEBHOOK_PUBLIC_ORIGIN: origin }),
  captures: [capture(FORM_TYPE, smsForm('SM0001', 'Hello')), capture(FORM_TYPE, smsForm('SM0002', 'Second message'))],
  known: (id) => ({ headers: { ...FORM_TYPE, 'i-twilio-idempotency-token': id }, body: smsForm(`SM${id.replace(/\W/g, '')}`, `Message ${id}`) }),
  knownEvent: undefined,
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'i-twilio-idempotency-token': id }, body: '{"MessageSid": ' }),
  sign: (d, url) => twilioSign(d, url),
  signatureHeaders: ['x-twilio-signature'],
  forge: changedBody,
  timestamped: false,
  accepted: TWIML,
  duplicate: TWIML,
};

const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const clerkEvent = (type: string, data: Record<string, unknown>) => ({ data, event_attributes: { http_request: { client_ip: '0.0.0.0', user_agent: 'Mozilla/5.0' } }, instance_id: 'ins_2c8s3', object: 'event', timestamp: 1714557600000, type });
const standardWebhooks: ProviderKit = {
  provider: 'standard-webhooks',
  // The captures are Clerk's, so the handler reads Clerk's own variable.
  env: () => ({ CLERK_WEBHOOK_SIGNING_SECRET: WHSEC }),
  captures: [
    capture({ ...JSON_TYPE, 'svix-id': 'msg_c1' }, clerkEvent('user.created', { id: 'user_29w83sxmDNGwOuEthce5gg56FcC', object: 'user', first_name: 'Example', email_addresses: [{ id: 'idn_1', email_address: 'example@example.org' }] })),
    capture({ ...JSON_TYPE, 'svix-id': 'msg_c2' }, clerkEvent('user.deleted', { id: 'user_29wBMCtzATuFJut8jO2VNTVekS4', object: 'user', deleted: true })),
  ],
  known: (id) => ({ headers: { ...JSON_TYPE, 'webhook-id': id }, body: JSON.stringify(clerkEvent('user.created', { id: `user_${id}`, object: 'user', first_name: 'Example', email_addresses: [{ id: 'idn_2', email_address: 'new@example.org' }] })) }),
  knownEvent: 'user.created',
  unknown: { event: 'session.created', delivery: (id) => ({ headers: { ...JSON_TYPE, 'webhook-id': id }, body: JSON.stringify(clerkEvent('session.created', { id: 'sess_1', object: 'session', user_id: 'user_1' })) }) },
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'webhook-id': id }, body: '{"type": "user.created", ' }),
  sign: (d, _url, at) => {
    const id = d.headers['webhook-id'] ?? 'msg_unknown';
    return { ...d, headers: { ...d.headers, 'webhook-timestamp': seconds(at), 'webhook-signature': new Webhook(WHSEC).sign(id, new Date(at), d.body) } };
  },
  signatureHeaders: ['webhook-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const PADDLE_SECRET = 'pdl_ntfset_01h8_test';
const paddleEvent = (id: string, type: string, data: Record<string, unknown>) => ({ event_id: id, event_type: type, occurred_at: '2024-05-01T10:00:00.000Z', notification_id: `ntf_${id}`, data });
const paddle: ProviderKit = {
  provider: 'paddle',
  env: () => ({ PADDLE_WEBHOOK_SECRET: PADDLE_SECRET }),
  captures: [
    capture(JSON_TYPE, paddleEvent('evt_c1', 'transaction.completed', { id: 'txn_01h8', status: 'completed', customer_id: 'ctm_1', details: { totals: { total: '1299' } } })),
    capture(JSON_TYPE, paddleEvent('evt_c2', 'subscription.canceled', { id: 'sub_01h8', status: 'canceled', canceled_at: '2024-05-01T10:00:00Z' })),
  ],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(paddleEvent(id, 'transaction.completed', { id: `txn_${id}`, status: 'completed', customer_id: 'ctm_2', details: { totals: { total: '500' } } })) }),
  knownEvent: 'transaction.completed',
  unknown: { event: 'customer.created', delivery: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(paddleEvent(id, 'customer.created', { id: 'ctm_3', email: 'a@example.com' })) }) },
  badBody: () => ({ headers: JSON_TYPE, body: '{"event_id": "evt_x", ' }),
  // https://developer.paddle.com/webhooks/signature-verification: h1 = HMAC-SHA256 of "<ts>:<body>".
  sign: (d, _url, at) => ({ ...d, headers: { ...d.headers, 'paddle-signature': `ts=${seconds(at)};h1=${hmac('sha256', PADDLE_SECRET, `${seconds(at)}:${d.body}`).digest('hex')}` } }),
  signatureHeaders: ['paddle-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const SQUARE_KEY = 'sq-signature-key-test';
const squareEvent = (id: string, type: string, object: Record<string, unknown>) => ({ merchant_id: 'MLEFBHHSJGVHD', type, event_id: id, created_at: '2024-05-01T10:00:00Z', data: { type: type.split('.')[0], id: 'obj_1', object } });
const square: ProviderKit = {
  provider: 'square',
  env: (origin) => ({ SQUARE_WEBHOOK_SIGNATURE_KEY: SQUARE_KEY, SQUARE_WEBHOOK_PUBLIC_ORIGIN: origin }),
  captures: [
    capture(JSON_TYPE, squareEvent('c-1', 'payment.created', { payment: { id: 'pay_1', amount_money: { amount: 100, currency: 'USD' }, status: 'APPROVED' } })),
    capture(JSON_TYPE, squareEvent('c-2', 'refund.created', { refund: { id: 'ref_1', amount_money: { amount: 100, currency: 'USD' }, status: 'PENDING' } })),
  ],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(squareEvent(id, 'payment.created', { payment: { id: `pay_${id}`, amount_money: { amount: 250, currency: 'USD' }, status: 'APPROVED' } })) }),
  knownEvent: 'payment.created',
  unknown: { event: 'customer.created', delivery: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(squareEvent(id, 'customer.created', { customer: { id: 'cust_1' } })) }) },
  badBody: () => ({ headers: JSON_TYPE, body: '{"merchant_id": ' }),
  // https://developer.squareup.com/docs/webhooks/step3validate: base64 HMAC-SHA256 of notification URL + body.
  sign: (d, url) => ({ ...d, headers: { ...d.headers, 'x-square-hmacsha256-signature': hmac('sha256', SQUARE_KEY, url + d.body).digest('base64') } }),
  signatureHeaders: ['x-square-hmacsha256-signature'],
  forge: changedBody,
  timestamped: false,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const LINEAR_SECRET = 'lin_wh_test_secret';
const linearEvent = (type: string, action: string, data: Record<string, unknown>) => ({
  action, actor: { id: 'usr_1', type: 'user', name: 'Ada' }, createdAt: '2024-05-01T10:00:00.000Z', data, url: 'https://linear.app/acme/issue/ENG-1',
  type, organizationId: 'org_1', webhookTimestamp: 1714557600000, webhookId: 'wh_1',
});
const linear: ProviderKit = {
  provider: 'linear',
  env: () => ({ LINEAR_WEBHOOK_SECRET: LINEAR_SECRET }),
  captures: [
    capture({ ...JSON_TYPE, 'linear-event': 'Issue', 'linear-delivery': 'c-1' }, linearEvent('Issue', 'create', { id: 'iss_1', title: 'Bug', priority: 2, assigneeId: null })),
    capture({ ...JSON_TYPE, 'linear-event': 'Comment', 'linear-delivery': 'c-2' }, linearEvent('Comment', 'create', { id: 'cmt_1', body: 'On it', issueId: 'iss_1' })),
  ],
  known: (id) => ({ headers: { ...JSON_TYPE, 'linear-event': 'Issue', 'linear-delivery': id }, body: JSON.stringify(linearEvent('Issue', 'update', { id: `iss_${id}`, title: 'Bug', priority: 1, assigneeId: null })) }),
  knownEvent: 'Issue',
  unknown: { event: 'Project', delivery: (id) => ({ headers: { ...JSON_TYPE, 'linear-event': 'Project', 'linear-delivery': id }, body: JSON.stringify(linearEvent('Project', 'create', { id: 'prj_1', name: 'Q3' })) }) },
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'linear-event': 'Issue', 'linear-delivery': id }, body: '{"action": "create", ' }),
  // https://linear.app/developers/webhooks#securing-webhooks: hex HMAC-SHA256 of the body, whose webhookTimestamp is the send time.
  sign: (d, _url, at) => {
    const body = d.body.replace(/"webhookTimestamp":\d+/, `"webhookTimestamp":${at}`);
    return { ...d, body, headers: { ...d.headers, 'linear-signature': hmac('sha256', LINEAR_SECRET, body).digest('hex') } };
  },
  signatureHeaders: ['linear-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const GITLAB_TOKEN = 'glpat-webhook-token';
const gitlab: ProviderKit = {
  provider: 'gitlab',
  env: () => ({ GITLAB_WEBHOOK_TOKEN: GITLAB_TOKEN }),
  captures: [
    capture({ ...JSON_TYPE, 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'c-1' }, { object_kind: 'push', event_name: 'push', ref: 'refs/heads/main', user_name: 'Ada', project: { id: 15, path_with_namespace: 'group/app' }, commits: [{ id: 'b6568db1', message: 'Fix' }] }),
    capture({ ...JSON_TYPE, 'x-gitlab-event': 'Issue Hook', 'idempotency-key': 'c-2' }, { object_kind: 'issue', event_type: 'issue', user: { name: 'Ada' }, object_attributes: { id: 301, title: 'Bug', action: 'open' } }),
  ],
  known: (id) => ({ headers: { ...JSON_TYPE, 'x-gitlab-event': 'Push Hook', 'idempotency-key': id, 'x-gitlab-event-uuid': `uuid-${id}` }, body: JSON.stringify({ object_kind: 'push', event_name: 'push', ref: 'refs/heads/main', user_name: 'Ada', project: { id: 15, path_with_namespace: 'group/app' }, commits: [{ id, message: 'More' }] }) }),
  knownEvent: 'Push Hook',
  unknown: { event: 'Note Hook', delivery: (id) => ({ headers: { ...JSON_TYPE, 'x-gitlab-event': 'Note Hook', 'idempotency-key': id }, body: JSON.stringify({ object_kind: 'note', object_attributes: { note: 'LGTM' } }) }) },
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'x-gitlab-event': 'Push Hook', 'idempotency-key': id }, body: '{"object_kind": ' }),
  sign: (d) => ({ ...d, headers: { ...d.headers, 'x-gitlab-token': GITLAB_TOKEN } }),
  signatureHeaders: ['x-gitlab-token'],
  // GitLab signs nothing: what protects a delivery is the token, so the forgery is a wrong one.
  forge: (signed) => ({ ...signed, headers: { ...signed.headers, 'x-gitlab-token': `${GITLAB_TOKEN}x` } }),
  timestamped: false,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

const HUBSPOT_SECRET = 'hubspot-client-secret';
const hubspotEvent = (eventId: number, objectId: number) => ({ eventId, subscriptionId: 4242, portalId: 62515, appId: 1160452, occurredAt: 1714557600000, subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId, propertyName: 'email', propertyValue: 'a@example.com', changeSource: 'CRM' });
const hubspotIds = (id: string) => { const n = Number(id.replace(/\D/g, '').slice(-9)) || 1; return [n * 10, n * 10 + 1]; };
const hubspot: ProviderKit = {
  provider: 'hubspot',
  env: (origin) => ({ HUBSPOT_CLIENT_SECRET: HUBSPOT_SECRET, HUBSPOT_WEBHOOK_PUBLIC_ORIGIN: origin }),
  captures: [capture(JSON_TYPE, [hubspotEvent(1, 101), hubspotEvent(2, 102)]), capture(JSON_TYPE, [hubspotEvent(3, 103)])],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(hubspotIds(id).map((eventId) => hubspotEvent(eventId, eventId + 5))) }),
  knownEvent: undefined,
  badBody: () => ({ headers: JSON_TYPE, body: '[{"eventId": 1,' }),
  sign: (d, url, at) => {
    const timestamp = String(at);
    const signature = Signature.getSignature('POST', 'v3', { signature: '', clientSecret: HUBSPOT_SECRET, requestBody: d.body, url, timestamp: Number(timestamp) });
    return { ...d, headers: { ...d.headers, 'x-hubspot-request-timestamp': timestamp, 'x-hubspot-signature-v3': signature } };
  },
  signatureHeaders: ['x-hubspot-signature-v3'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

export const discordKeys = generateKeyPairSync('ed25519');
export const DISCORD_PUBLIC_KEY = discordKeys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
/** Discord signs timestamp + body with its Ed25519 key (https://discord.com/developers/docs/interactions/overview). */
export function discordSign(d: Delivery, at: number): Delivery {
  const timestamp = seconds(at);
  return { ...d, headers: { ...d.headers, 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signAsymmetric(null, Buffer.from(timestamp + d.body), discordKeys.privateKey).toString('hex') } };
}
export const discordCommand = (id: string) => ({
  app_permissions: '442368', application_id: '1234567890123456789', channel_id: '111', data: { id: '222', name: 'hello', type: 1 },
  guild_id: '333', id, locale: 'en-US', member: { user: { id: '444', username: 'ada' } }, token: `aW50ZXJhY3Rpb246${id}`, type: 2, version: 1,
});
const discord: ProviderKit = {
  provider: 'discord',
  env: () => ({ DISCORD_PUBLIC_KEY }),
  captures: [
    capture(JSON_TYPE, discordCommand('1100000000000000001')),
    capture(JSON_TYPE, { version: 1, application_id: '1234567890123456789', type: 1, event: { type: 'APPLICATION_AUTHORIZED', timestamp: '2024-10-18T14:42:53.064834', data: { integration_type: 1, scopes: ['applications.commands'], user: { id: '444', username: 'ada' } } } }),
  ],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify(discordCommand(id)) }),
  knownEvent: 'APPLICATION_COMMAND',
  // A button click (a message component) nobody captured: acknowledged with a deferred update, and ignored.
  unknown: { event: 'MESSAGE_COMPONENT', delivery: (id) => ({ headers: JSON_TYPE, body: JSON.stringify({ ...discordCommand(id), type: 3, data: { custom_id: 'ok', component_type: 2 } }) }) },
  badBody: () => ({ headers: JSON_TYPE, body: '{"type": 2, ' }),
  sign: (d, _url, at) => discordSign(d, at),
  signatureHeaders: ['x-signature-ed25519'],
  forge: changedBody,
  timestamped: true,
  accepted: { status: 200, json: { type: 5 } },
  duplicate: { status: 200, json: { type: 5 } },
};

export const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const sendgridEvent = (id: string, event: string) => ({ email: 'example@test.com', timestamp: 1714557600, 'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>', event, category: ['cat facts'], sg_event_id: id, sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0' });
const sendgrid: ProviderKit = {
  provider: 'sendgrid',
  env: () => ({ SENDGRID_WEBHOOK_VERIFICATION_KEY: sendgridKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }),
  captures: [capture(JSON_TYPE, [sendgridEvent('sg_c1', 'processed'), sendgridEvent('sg_c2', 'delivered')]), capture(JSON_TYPE, [sendgridEvent('sg_c3', 'open')])],
  known: (id) => ({ headers: JSON_TYPE, body: JSON.stringify([sendgridEvent(`${id}-a`, 'delivered'), sendgridEvent(`${id}-b`, 'open')]) }),
  knownEvent: undefined,
  badBody: () => ({ headers: JSON_TYPE, body: '[{"email": ' }),
  // https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
  sign: (d, _url, at) => {
    const timestamp = seconds(at);
    const signature = signAsymmetric('sha256', Buffer.from(timestamp + d.body), sendgridKeys.privateKey).toString('base64');
    return { ...d, headers: { ...d.headers, 'x-twilio-email-event-webhook-timestamp': timestamp, 'x-twilio-email-event-webhook-signature': signature } };
  },
  signatureHeaders: ['x-twilio-email-event-webhook-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

export const ACME: CustomProvider = {
  id: 'acme', name: 'Acme', signatureHeader: 'x-acme-signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=',
  timestampHeader: 'x-acme-timestamp', signedContent: '{timestamp}.{body}', deliveryIdHeader: 'x-acme-delivery', eventHeader: 'X-Acme-Event',
};
const ACME_SECRET = 'acme-signing-secret';
const acme: ProviderKit = {
  provider: 'custom:acme',
  customProviders: [ACME],
  env: () => ({ ACME_WEBHOOK_SECRET: ACME_SECRET }),
  captures: [
    capture({ ...JSON_TYPE, 'x-acme-event': 'order.created', 'x-acme-signature': 'sha256=00' }, { order_id: 'ord_c1', total_cents: 1299, 'line-items': [{ sku: 'A-1', quantity: 1 }] }),
    capture({ ...JSON_TYPE, 'x-acme-event': 'refund.created', 'x-acme-signature': 'sha256=00' }, { refund_id: 'ref_c1', order_id: 'ord_c1' }),
  ],
  known: (id) => ({ headers: { ...JSON_TYPE, 'x-acme-event': 'order.created', 'x-acme-delivery': id }, body: JSON.stringify({ order_id: id, total_cents: 500, 'line-items': [{ sku: 'B-2', quantity: 2 }] }) }),
  knownEvent: 'order.created',
  unknown: { event: 'order.cancelled', delivery: (id) => ({ headers: { ...JSON_TYPE, 'x-acme-event': 'order.cancelled', 'x-acme-delivery': id }, body: JSON.stringify({ order_id: id }) }) },
  badBody: (id) => ({ headers: { ...JSON_TYPE, 'x-acme-event': 'order.created', 'x-acme-delivery': id }, body: '{"order_id": ' }),
  sign: (d, _url, at) => ({ ...d, headers: { ...d.headers, 'x-acme-timestamp': seconds(at), 'x-acme-signature': `sha256=${hmac('sha256', ACME_SECRET, `${seconds(at)}.${d.body}`).digest('hex')}` } }),
  signatureHeaders: ['x-acme-signature'],
  forge: changedBody,
  timestamped: true,
  accepted: RECEIVED,
  duplicate: DUPLICATE,
};

export const PROVIDER_KITS: readonly ProviderKit[] = [
  github, stripe, slack, shopify, twilioKit, standardWebhooks, paddle, square, linear, gitlab, hubspot, discord, sendgrid, acme,
];

/** The payload a generated function gets for a signed delivery: the JSON, or a form's fields. */
export function payloadOf(delivery: Delivery): unknown {
  return delivery.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(delivery.body))
    : JSON.parse(delivery.body);
}
