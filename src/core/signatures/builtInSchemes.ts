import type { ProviderScheme } from './providerScheme';
import { discordScheme } from './providers/discord';
import { githubScheme } from './providers/github';
import { gitlabScheme } from './providers/gitlab';
import { hubspotScheme } from './providers/hubspot';
import { linearScheme } from './providers/linear';
import { paddleScheme } from './providers/paddle';
import { sendgridScheme } from './providers/sendgrid';
import { shopifyScheme } from './providers/shopify';
import { slackScheme } from './providers/slack';
import { squareScheme } from './providers/square';
import { standardWebhooksScheme } from './providers/standardWebhooks';
import { stripeScheme } from './providers/stripe';
import { twilioScheme } from './providers/twilio';

/** Every provider verified out of the box, in detection order. */
export const BUILT_IN_SCHEMES: readonly ProviderScheme[] = [
  githubScheme,
  stripeScheme,
  slackScheme,
  shopifyScheme,
  twilioScheme,
  standardWebhooksScheme,
  paddleScheme,
  squareScheme,
  linearScheme,
  gitlabScheme,
  hubspotScheme,
  discordScheme,
  sendgridScheme,
];

/** Provider ids of the built-in schemes: `github`, `stripe`, … */
export const BUILT_IN_PROVIDERS: readonly string[] = BUILT_IN_SCHEMES.map((scheme) => scheme.id);
