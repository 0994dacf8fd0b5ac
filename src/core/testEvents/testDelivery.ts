import type { CustomProvider } from '../providers/custom/customProvider';
import type { ProviderDefinition, SigningRequest } from '../providers/providerDefinition';
import { deliveryIdOfRequest, stampDeliveryId } from './deliveryIdStamp';
import { signTestDelivery } from './signTestDelivery';

/** Which delivery id a test delivery carries. */
export type DeliveryIdChoice = 'fresh' | 'keep' | { id: string };

export interface TestDeliveryOptions {
  definition: ProviderDefinition;
  /** What to send: a sample event or a capture (its old signature headers are replaced). */
  template: { method: string; rawHeaders: readonly string[]; body: Uint8Array };
  /** The full URL it is posted to. */
  targetUrl: string;
  /** The URL the handler believes it is reached at (a tunnel's), for schemes that sign the URL; default `targetUrl`. */
  publicUrl?: string;
  /** The signing secret, or a test private key for private-key schemes. */
  key: string;
  /** Signing time, epoch milliseconds. */
  now: number;
  /** Default `fresh`: a new id in the provider's format, as a new event would have. */
  deliveryId?: DeliveryIdChoice;
  customProviders?: readonly CustomProvider[];
}

/** A signed request ready to post to `url`. */
export interface TestDelivery {
  method: string;
  /** The full URL, with any query the signature needs (Twilio's bodySHA256). */
  url: string;
  rawHeaders: string[];
  body: Uint8Array;
  /** The id the handler will read, when the provider carries one. */
  deliveryId: string | undefined;
  /** Signing time, epoch milliseconds. */
  signedAt: number;
}

/** A delivery as the provider would send it now: its delivery id set (fresh, kept or chosen) and signed afresh. */
export function buildTestDelivery(options: TestDeliveryOptions): TestDelivery {
  const { definition, template, targetUrl, now } = options;
  const target = new URL(targetUrl);
  const unsigned: SigningRequest = { method: template.method, url: target.pathname + target.search, rawHeaders: [...template.rawHeaders], body: template.body };
  const choice = options.deliveryId ?? 'fresh';
  const stamped = choice === 'keep'
    ? unsigned
    : stampDeliveryId(unsigned, definition.deliveryId, choice === 'fresh' ? () => definition.testing.newDeliveryId() : choice.id).request;
  const signed = signTestDelivery(stamped, definition, options.key, { now, signedUrl: options.publicUrl ?? targetUrl, customProviders: options.customProviders });
  const request: SigningRequest = { method: stamped.method, ...signed };
  return {
    method: request.method,
    url: new URL(request.url, target).toString(),
    rawHeaders: signed.rawHeaders,
    body: signed.body,
    deliveryId: deliveryIdOfRequest(request, definition.deliveryId),
    signedAt: now,
  };
}
