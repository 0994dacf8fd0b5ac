// Specs shared by the handler generation unit tests. The payload types are
// hand-written stand-ins for what type inference produces from captured deliveries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HandlerFramework, HandlerSpec } from '../../../src/core';

/** Generated files go inside the worktree (git-ignored) so their imports resolve from node_modules. */
export const GENERATED_ROOT = path.resolve(__dirname, '../../../../test-results/handlers');

export const FRAMEWORKS: HandlerFramework[] = ['express', 'fastify', 'nextjs', 'hono', 'node-http'];
export type CoreProvider = 'github' | 'stripe' | 'slack' | 'standard-webhooks' | 'acme';
export const CORE_PROVIDERS: CoreProvider[] = ['github', 'stripe', 'slack', 'standard-webhooks', 'acme'];

const GITHUB_TYPES = `
export interface Repository {
  id: number;
  full_name: string;
  private: boolean;
}
export interface Commit {
  id: string;
  message: string;
  timestamp: string;
}
export interface PushEvent {
  ref: string;
  before: string;
  after: string;
  commits: Commit[];
  pusher: { name: string; email: string | null };
  repository: Repository;
}
export interface PullRequest {
  number: number;
  title: string;
  state: 'open' | 'closed';
  merged_at: string | null;
}
export interface PullRequestEvent {
  action: 'opened' | 'closed' | 'synchronize';
  number: number;
  pull_request: PullRequest;
  repository: Repository;
}
export type GitHubWebhookPayload = PushEvent | PullRequestEvent;
`;

const STRIPE_TYPES = `
export interface Customer {
  id: string;
  object: 'customer';
  email: string | null;
  name: string | null;
}
export interface Invoice {
  id: string;
  object: 'invoice';
  customer: string;
  amount_paid: number;
  currency: string;
  status: 'paid';
}
export interface CustomerCreatedEvent {
  id: string;
  object: 'event';
  type: 'customer.created';
  created: number;
  livemode: boolean;
  data: { object: Customer };
}
export interface InvoicePaidEvent {
  id: string;
  object: 'event';
  type: 'invoice.paid';
  created: number;
  livemode: boolean;
  data: { object: Invoice };
}
export type StripeEvent = CustomerCreatedEvent | InvoicePaidEvent;
`;

const SLACK_TYPES = `
export interface AppMention {
  type: 'app_mention';
  user: string;
  text: string;
  channel: string;
  ts: string;
}
export interface ChannelMessage {
  type: 'message';
  user: string;
  text: string;
  channel: string;
  ts: string;
}
export interface AppMentionCallback {
  token: string;
  team_id: string;
  api_app_id: string;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  event: AppMention;
}
export interface MessageCallback {
  token: string;
  team_id: string;
  api_app_id: string;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  event: ChannelMessage;
}
export interface UrlVerification {
  token: string;
  type: 'url_verification';
  challenge: string;
}
export type SlackPayload = AppMentionCallback | MessageCallback | UrlVerification;
`;

const CLERK_TYPES = `
export interface EmailAddress {
  id: string;
  email_address: string;
}
export interface UserCreatedEvent {
  type: 'user.created';
  timestamp: number;
  data: { id: string; first_name: string | null; email_addresses: EmailAddress[] };
}
export interface UserDeletedEvent {
  type: 'user.deleted';
  timestamp: number;
  data: { id: string; deleted: boolean };
}
export type ClerkWebhookEvent = UserCreatedEvent | UserDeletedEvent;
`;

const ACME_TYPES = `
export interface OrderCreatedEvent {
  order_id: string;
  total_cents: number;
  'line-items': Array<{ sku: string; quantity: number }>;
}
`;

/** The spec each test provider is generated from, for any framework. */
export function coreSpec(framework: HandlerFramework, provider: CoreProvider): HandlerSpec {
  const base = { framework, provider, routePath: `/webhooks/${provider}` };
  switch (provider) {
    case 'github':
      return {
        ...base,
        typesSource: GITHUB_TYPES,
        rootTypeName: 'GitHubWebhookPayload',
        events: [
          { name: 'push', typeName: 'PushEvent' },
          { name: 'pull_request', typeName: 'PullRequestEvent' },
        ],
        eventSource: { kind: 'header', header: 'X-GitHub-Event' },
      };
    case 'stripe':
      return {
        ...base,
        typesSource: STRIPE_TYPES,
        rootTypeName: 'StripeEvent',
        events: [
          { name: 'customer.created', typeName: 'CustomerCreatedEvent' },
          { name: 'invoice.paid', typeName: 'InvoicePaidEvent' },
        ],
        eventSource: { kind: 'field', field: 'type' },
      };
    case 'slack':
      return {
        ...base,
        typesSource: SLACK_TYPES,
        rootTypeName: 'SlackPayload',
        events: [
          { name: 'app_mention', typeName: 'AppMentionCallback' },
          { name: 'message', typeName: 'MessageCallback' },
        ],
        eventSource: { kind: 'field', field: 'event.type' },
      };
    case 'standard-webhooks':
      return {
        ...base,
        typesSource: CLERK_TYPES,
        rootTypeName: 'ClerkWebhookEvent',
        events: [
          { name: 'user.created', typeName: 'UserCreatedEvent' },
          { name: 'user.deleted', typeName: 'UserDeletedEvent' },
        ],
        eventSource: { kind: 'field', field: 'type' },
      };
    case 'acme':
      return {
        ...base,
        typesSource: ACME_TYPES,
        rootTypeName: 'OrderCreatedEvent',
        events: [{ name: 'order.created', typeName: 'OrderCreatedEvent' }],
        eventSource: { kind: 'header', header: 'X-Acme-Event' },
      };
  }
}

/** The providers beyond the core five, each with a small payload type and its usual event source. */
export const MORE_PROVIDERS: Array<Omit<HandlerSpec, 'framework' | 'routePath'>> = [
  {
    provider: 'shopify',
    typesSource: 'export interface OrdersCreate {\n  id: number;\n  email: string;\n  total_price: string;\n}',
    rootTypeName: 'OrdersCreate',
    events: [{ name: 'orders/create', typeName: 'OrdersCreate' }],
    eventSource: { kind: 'header', header: 'X-Shopify-Topic' },
  },
  {
    provider: 'paddle',
    typesSource:
      "export interface TransactionCompleted {\n  event_id: string;\n  event_type: 'transaction.completed';\n  data: { id: string };\n}\n" +
      "export interface SubscriptionCanceled {\n  event_id: string;\n  event_type: 'subscription.canceled';\n  data: { id: string };\n}\n" +
      'export type PaddleEvent = TransactionCompleted | SubscriptionCanceled;',
    rootTypeName: 'PaddleEvent',
    events: [
      { name: 'transaction.completed', typeName: 'TransactionCompleted' },
      { name: 'subscription.canceled', typeName: 'SubscriptionCanceled' },
    ],
    eventSource: { kind: 'field', field: 'event_type' },
  },
  {
    provider: 'linear',
    typesSource: "export interface IssueEvent {\n  action: 'create' | 'update';\n  type: 'Issue';\n  webhookTimestamp: number;\n  data: { id: string; title: string };\n}",
    rootTypeName: 'IssueEvent',
    events: [{ name: 'Issue', typeName: 'IssueEvent' }],
    eventSource: { kind: 'header', header: 'Linear-Event' },
  },
  {
    provider: 'gitlab',
    typesSource: "export interface PushHook {\n  object_kind: 'push';\n  ref: string;\n  project: { id: number; path_with_namespace: string };\n}",
    rootTypeName: 'PushHook',
    events: [{ name: 'Push Hook', typeName: 'PushHook' }],
    eventSource: { kind: 'header', header: 'X-Gitlab-Event' },
  },
  {
    provider: 'hubspot',
    typesSource: 'export interface ContactChange {\n  eventId: number;\n  subscriptionType: string;\n  objectId: number;\n}\nexport type HubSpotBatch = ContactChange[];',
    rootTypeName: 'HubSpotBatch',
    events: [],
    eventSource: { kind: 'none' },
  },
  {
    provider: 'twilio',
    typesSource: "export interface MessageStatusCallback {\n  MessageSid: string;\n  MessageStatus: 'delivered' | 'failed';\n  To: string;\n}",
    rootTypeName: 'MessageStatusCallback',
    events: [
      { name: 'delivered', typeName: 'MessageStatusCallback' },
      { name: 'failed', typeName: 'MessageStatusCallback' },
    ],
    eventSource: { kind: 'field', field: 'MessageStatus' },
  },
  {
    provider: 'square',
    typesSource: "export interface PaymentCreated {\n  merchant_id: string;\n  type: 'payment.created';\n  event_id: string;\n  data: { id: string };\n}",
    rootTypeName: 'PaymentCreated',
    events: [{ name: 'payment.created', typeName: 'PaymentCreated' }],
    eventSource: { kind: 'field', field: 'type' },
  },
  {
    provider: 'discord',
    typesSource:
      "export interface ApplicationAuthorized {\n  version: 1;\n  application_id: string;\n  type: 1;\n  event: { type: 'APPLICATION_AUTHORIZED'; timestamp: string; data: { user: { id: string } } };\n}",
    rootTypeName: 'ApplicationAuthorized',
    events: [{ name: 'APPLICATION_AUTHORIZED', typeName: 'ApplicationAuthorized' }],
    eventSource: { kind: 'field', field: 'event.type' },
  },
  {
    provider: 'sendgrid',
    typesSource: "export interface EmailEvent {\n  email: string;\n  event: 'delivered' | 'open';\n  sg_event_id: string;\n  timestamp: number;\n}\nexport type EmailEventBatch = EmailEvent[];",
    rootTypeName: 'EmailEventBatch',
    events: [],
    eventSource: { kind: 'none' },
  },
];

export function moreSpec(framework: HandlerFramework, index: number): HandlerSpec {
  const spec = MORE_PROVIDERS[index];
  return { ...spec, framework, routePath: `/hooks/${spec.provider}` };
}

/** Writes a generated file under GENERATED_ROOT/<folder>/ and returns its path. */
export function writeGenerated(folder: string, fileName: string, source: string): string {
  const file = path.join(GENERATED_ROOT, folder, fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
  return file;
}
