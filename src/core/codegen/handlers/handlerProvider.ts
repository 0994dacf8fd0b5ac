import type { CustomProvider } from '../../providers/custom/customProvider';
import { CUSTOM_PREFIX } from '../../providers/custom/customProvider';
import type { DeliveryIdRule, TypeScriptHandlerFragment } from '../../providers/providerDefinition';
import { findProvider } from '../../providers/providerLookup';
import { envPrefix } from './identifiers';
import { code, docComment } from './sourceText';

/** What generating a handler needs to know about its provider, from the registry or the placeholder. */
export interface HandlerProvider {
  displayName: string;
  defaultSecretEnvVar: string;
  /** Prefix of the other environment variables the file reads: `HUBSPOT` → HUBSPOT_WEBHOOK_PUBLIC_ORIGIN. */
  envPrefix: string;
  fragment: TypeScriptHandlerFragment;
  deliveryId: DeliveryIdRule;
  payloadFormat: 'json' | 'form';
  ackStatus: 200 | 204;
  /** False for the placeholder of an unknown provider. */
  known: boolean;
}

/** The provider of a handler: a built-in or custom one from the registry, or the reject-everything placeholder. */
export function handlerProvider(provider: string, customProviders: readonly CustomProvider[] = []): HandlerProvider {
  const definition = findProvider(provider, customProviders);
  const prefix = envPrefix(provider.startsWith(CUSTOM_PREFIX) ? provider.slice(CUSTOM_PREFIX.length) : provider);
  if (definition) {
    return {
      displayName: definition.name,
      defaultSecretEnvVar: definition.secret.envVar,
      envPrefix: prefix,
      fragment: definition.handler.typescript,
      deliveryId: definition.deliveryId,
      payloadFormat: definition.payloadFormat,
      ackStatus: definition.delivery.ackStatus,
      known: true,
    };
  }
  return {
    displayName: provider,
    defaultSecretEnvVar: `${prefix}_WEBHOOK_SECRET`,
    envPrefix: prefix,
    fragment: {
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
    },
    deliveryId: { kind: 'none', reason: 'The provider is unknown, so no delivery id is read: duplicates are not detected.' },
    payloadFormat: 'json',
    ackStatus: 200,
    known: false,
  };
}
