import type { CaptureSnapshot, SignatureSnapshot } from '../../src/shared/protocol';

export const STRIPE_EVENT = {
  id: 'evt_1Q2w3E',
  object: 'event',
  type: 'invoice.paid',
  livemode: false,
  pending_webhooks: 1,
  data: {
    object: {
      id: 'in_1Q2w3E4r',
      amount_paid: 4200,
      paid: true,
      discount: null,
      customer_email: 'ada@example.com',
      lines: { data: [{ id: 'il_1', amount: 4200, description: 'Pro plan' }, { id: 'il_2', amount: 0, description: 'Paid seat credit' }] },
      metadata: { 'content-type': 'x', order_ref: 'A-17' },
    },
  },
};

export const VALID_SIGNATURE: SignatureSnapshot = {
  status: 'valid',
  provider: 'stripe',
  providerName: 'Stripe',
  detail: 'The Stripe-Signature v1 signature matches the body and the signing secret.',
  algorithm: 'HMAC-SHA256',
};

export function captureView(overrides: Partial<CaptureSnapshot> = {}): CaptureSnapshot {
  const text = JSON.stringify(STRIPE_EVENT);
  return {
    id: 'cap_0001',
    method: 'POST',
    url: '/hooks/stripe?source=cli&tag=a&tag=b&name=J%C3%BCrgen+M',
    httpVersion: '1.1',
    receivedAt: Date.UTC(2024, 5, 1, 12, 0, 5, 120),
    bodySize: text.length,
    truncated: false,
    responseStatus: 200,
    remoteAddress: '127.0.0.1',
    headers: [
      ['Host', '127.0.0.1:7878'],
      ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Stripe-Signature', 't=1717243205,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd'],
      ['X-Forwarded-For', '10.0.0.1'],
      ['X-Forwarded-For', '10.0.0.2'],
    ],
    contentType: 'application/json; charset=utf-8',
    body: { encoding: 'utf8', text },
    provider: 'stripe',
    event: 'invoice.paid',
    deliveryId: 'evt_1Q2w3E',
    signature: VALID_SIGNATURE,
    ...overrides,
  };
}

export function jsonCapture(value: unknown, overrides: Partial<CaptureSnapshot> = {}): CaptureSnapshot {
  const text = JSON.stringify(value);
  return captureView({ body: { encoding: 'utf8', text }, bodySize: text.length, ...overrides });
}
