import type { CustomProvider } from '../../providers/custom/customProvider';
import { CUSTOM_PREFIX } from '../../providers/custom/customProvider';
import type { DeliveryIdRule, PayloadFormat, PythonHandlerFragment, TypeScriptHandlerFragment } from '../../providers/providerDefinition';
import { findProvider } from '../../providers/providerLookup';
import { DEFAULT_TOLERANCE_SECONDS } from '../../signatures/signatureResult';
import { envPrefix } from './identifiers';
import { code, docComment, wrap } from './sourceText';

/** What generating a handler needs to know about its provider, from the registry or the placeholder. */
export interface HandlerProvider {
  displayName: string;
  defaultSecretEnvVar: string;
  /** Prefix of the other environment variables the file reads: `HUBSPOT` → HUBSPOT_WEBHOOK_PUBLIC_ORIGIN. */
  envPrefix: string;
  typescript: TypeScriptHandlerFragment;
  python: PythonHandlerFragment;
  deliveryId: DeliveryIdRule;
  payloadFormat: PayloadFormat;
  ackStatus: 200 | 204;
  /** How far a signed timestamp may be from now: the provider's own tolerance, else 300 s. */
  toleranceSeconds: number;
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
      typescript: definition.handler.typescript,
      python: definition.handler.python,
      deliveryId: definition.deliveryId,
      payloadFormat: definition.payloadFormat,
      ackStatus: definition.delivery.ackStatus,
      toleranceSeconds: (definition.timestamp.signed && definition.timestamp.providerToleranceSeconds) || DEFAULT_TOLERANCE_SECONDS,
      known: true,
    };
  }
  const quoted = JSON.stringify(provider.replace(/[\r\n]|\*\/|"""/g, ' '));
  const advice = `Webhook Workbench does not know how ${quoted} signs its deliveries. Implement this from the provider's documentation: recompute the signature over the exact bytes of the body with the secret, compare in constant time, and reject stale timestamps. Never just return true: anyone who learns this URL could then send you forged events.`;
  return {
    displayName: provider,
    defaultSecretEnvVar: `${prefix}_WEBHOOK_SECRET`,
    envPrefix: prefix,
    typescript: {
      cryptoImports: [],
      helpers: [],
      verifyFunction: [
        '/**',
        ' * !!! SIGNATURE VERIFICATION IS NOT IMPLEMENTED: EVERY DELIVERY IS REJECTED (401) !!!',
        ' *',
        docComment(`${advice} (\`delivery.rawBody\`, node:crypto, timingSafeEqual.)`).split('\n').slice(1),
        code`
          function verifySignature(delivery: Delivery, secret: string): boolean {
            void delivery;
            void secret;
            return false;
          }`,
      ].flat().join('\n'),
    },
    python: {
      imports: [],
      fromImports: [],
      packages: [],
      helpers: [],
      verifyFunction: [
        'def verify_signature(delivery: Delivery, secret: str) -> bool:',
        '    """!!! SIGNATURE VERIFICATION IS NOT IMPLEMENTED: EVERY DELIVERY IS REJECTED (401) !!!',
        '',
        ...wrap(`${advice} (\`\`delivery.raw_body\`\`, hmac, hmac.compare_digest.)`, 92).map((line) => `    ${line}`),
        '    """',
        '    del delivery, secret',
        '    return False',
      ].join('\n'),
    },
    deliveryId: { kind: 'none', reason: 'The provider is unknown, so no delivery id is read: duplicates are not detected.' },
    payloadFormat: { form: null },
    ackStatus: 200,
    toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
    known: false,
  };
}
