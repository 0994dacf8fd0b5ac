import { discord } from './builtIn/discord';
import { github } from './builtIn/github';
import { gitlab } from './builtIn/gitlab';
import { hubspot } from './builtIn/hubspot';
import { linear } from './builtIn/linear';
import { paddle } from './builtIn/paddle';
import { sendgrid } from './builtIn/sendgrid';
import { shopify } from './builtIn/shopify';
import { slack } from './builtIn/slack';
import { square } from './builtIn/square';
import { standardWebhooks } from './builtIn/standardWebhooks';
import { stripe } from './builtIn/stripe';
import { twilio } from './builtIn/twilio';
import type { ProviderDefinition } from './providerDefinition';

/** The providers built in. Adding one: write `builtIn/<id>.ts`, then add its id here and below. */
export type ProviderId =
  | 'github'
  | 'stripe'
  | 'slack'
  | 'shopify'
  | 'twilio'
  | 'standard-webhooks'
  | 'paddle'
  | 'square'
  | 'linear'
  | 'gitlab'
  | 'hubspot'
  | 'discord'
  | 'sendgrid';

/**
 * Every built-in provider by id, in detection order (when headers of two providers appear, the
 * first with a signature header wins, then the first with a marker header). The mapped type makes
 * a missing provider, or one filed under another id, a compile error.
 */
export const PROVIDERS: { readonly [Id in ProviderId]: ProviderDefinition<Id> } = {
  github,
  stripe,
  slack,
  shopify,
  twilio,
  'standard-webhooks': standardWebhooks,
  paddle,
  square,
  linear,
  gitlab,
  hubspot,
  discord,
  sendgrid,
};

/** The built-in definitions in detection order. */
export const BUILT_IN_DEFINITIONS: readonly ProviderDefinition<ProviderId>[] = Object.values(PROVIDERS);

/** Provider ids of the built-in providers: `github`, `stripe`, … */
export const BUILT_IN_PROVIDERS: readonly ProviderId[] = BUILT_IN_DEFINITIONS.map((definition) => definition.id);

export function isProviderId(id: string): id is ProviderId {
  return Object.prototype.hasOwnProperty.call(PROVIDERS, id);
}

/** The built-in definition for an id; ids come from users and payloads, so `constructor` is not one. */
export function builtInProvider(id: string): ProviderDefinition | undefined {
  return isProviderId(id) ? PROVIDERS[id] : undefined;
}
