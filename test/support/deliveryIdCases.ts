// Real deliveries of every provider, with the id their retries repeat: the duplicate badge, the
// generated TypeScript handlers and the generated Python handlers must all read that id.
import type { CustomProvider } from '../../src/core';

export const ACME: CustomProvider = {
  id: 'acme', name: 'Acme', signatureHeader: 'x-acme-signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=',
  timestampHeader: 'x-acme-timestamp', signedContent: '{timestamp}.{body}', deliveryIdHeader: 'x-acme-delivery', eventHeader: 'X-Acme-Event',
};
export const CUSTOM = [ACME];

/** Real deliveries of every provider, as they send them, with the id their retries repeat. */
export const DELIVERIES: Array<{ provider: string; what: string; headers: Record<string, string>; body: string; id: string | undefined }> = [
  { provider: 'github', what: 'push', headers: { 'x-github-event': 'push', 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'x-github-hook-id': '292430182' }, body: '{"ref":"refs/heads/main"}', id: '72d3162e-cc78-11e3-81ab-4c9367dc0958' },
  { provider: 'stripe', what: 'event', headers: { 'stripe-signature': 't=1,v1=00' }, body: '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"customer.created"}', id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy' },
  { provider: 'slack', what: 'event_callback', headers: { 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': '1' }, body: '{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"app_mention"}}', id: 'Ev08MFMKH6' },
  { provider: 'shopify', what: 'X-Shopify-* headers', headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', 'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5' }, body: '{"id":820982911946154508}', id: '98880550-7158-44d4-b7cd-2c97c8a091b5' },
  { provider: 'shopify', what: 'un-prefixed Shopify-* headers', headers: { 'shopify-topic': 'orders/create', 'shopify-webhook-id': 'c1f1e0a2-0000-4000-8000-000000000001', 'shopify-event-id': 'f0e1d2c3-0000-4000-8000-000000000002' }, body: '{"id":1}', id: 'f0e1d2c3-0000-4000-8000-000000000002' },
  { provider: 'shopify', what: 'webhook id only', headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'b54557e4' }, body: '{"id":1}', id: 'b54557e4' },
  { provider: 'gitlab', what: 'GitLab 17.4+ (Idempotency-Key)', headers: { 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'f1c2e3d4-1111-4222-8333-944445555666', 'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e' }, body: '{"object_kind":"push"}', id: 'f1c2e3d4-1111-4222-8333-944445555666' },
  { provider: 'gitlab', what: 'older GitLab', headers: { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e' }, body: '{"object_kind":"push"}', id: '13792a34-cac6-4fda-95a8-c58e00a3954e' },
  { provider: 'linear', what: 'Issue', headers: { 'linear-event': 'Issue', 'linear-delivery': '234d1a4e-b617-4388-90fe-adc3633d6b72', 'linear-signature': '00' }, body: '{"type":"Issue","action":"create"}', id: '234d1a4e-b617-4388-90fe-adc3633d6b72' },
  { provider: 'paddle', what: 'event', headers: { 'paddle-signature': 'ts=1;h1=00' }, body: '{"event_id":"evt_01h8","notification_id":"ntf_01h8","event_type":"transaction.completed"}', id: 'evt_01h8' },
  { provider: 'paddle', what: 'notification without event_id', headers: { 'paddle-signature': 'ts=1;h1=00' }, body: '{"notification_id":"ntf_02h8","event_type":"transaction.completed"}', id: 'ntf_02h8' },
  { provider: 'square', what: 'payment.created', headers: { 'x-square-hmacsha256-signature': '00' }, body: '{"merchant_id":"M1","type":"payment.created","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f"}', id: 'ac3ac95b-f97d-458c-a6e6-18981597e05f' },
  { provider: 'hubspot', what: 'a batch', headers: { 'x-hubspot-signature-v3': '00', 'x-hubspot-request-timestamp': '1' }, body: '[{"eventId":100,"subscriptionType":"contact.creation"},{"eventId":101,"subscriptionType":"contact.creation"}]', id: '100,101' },
  { provider: 'twilio', what: 'SMS status callback (form)', headers: { 'x-twilio-signature': '00', 'i-twilio-idempotency-token': 'idem-42', 'content-type': 'application/x-www-form-urlencoded' }, body: 'MessageSid=SM1&MessageStatus=delivered', id: 'idem-42' },
  { provider: 'sendgrid', what: 'a batch', headers: { 'x-twilio-email-event-webhook-signature': 'MEUCIQ==', 'x-twilio-email-event-webhook-timestamp': '1' }, body: '[{"sg_event_id":"sg_a","event":"delivered"},{"sg_event_id":"sg_b","event":"open"}]', id: 'sg_a,sg_b' },
  { provider: 'discord', what: 'interaction', headers: { 'x-signature-ed25519': '00', 'x-signature-timestamp': '1' }, body: '{"id":"1234567890123456789","type":2,"application_id":"42"}', id: '1234567890123456789' },
  { provider: 'discord', what: 'Webhook Event (no id)', headers: { 'x-signature-ed25519': '00', 'x-signature-timestamp': '1' }, body: '{"version":1,"application_id":"42","type":1,"event":{"type":"APPLICATION_AUTHORIZED"}}', id: undefined },
  { provider: 'standard-webhooks', what: 'webhook-* headers', headers: { 'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', 'webhook-signature': 'v1,AA==' }, body: '{"type":"user.created"}', id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' },
  { provider: 'standard-webhooks', what: 'svix-* headers', headers: { 'svix-id': 'msg_svix', 'svix-signature': 'v1,AA==' }, body: '{"type":"user.created"}', id: 'msg_svix' },
  { provider: 'custom:acme', what: 'custom provider', headers: { 'x-acme-signature': 'sha256=00', 'x-acme-delivery': ' d-1 ' }, body: '{"order_id":"o1"}', id: 'd-1' },
];
