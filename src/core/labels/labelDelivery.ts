import type { IncomingDelivery } from '../capture';
import type { DeliveryDescription } from './deliveryDescription';
import { describeDelivery } from './deliveryDescription';

/** Finds a delivery's labels (provider, event, delivery id); `describeDelivery` unless one is injected. */
export type DeliveryDescriber = (delivery: IncomingDelivery) => DeliveryDescription;

/**
 * Writes the labels onto the delivery before it is handed to the store, which keeps them as given.
 * Whoever hands deliveries over calls it: the receiver for each request, the HAR import for each entry.
 */
export function labelDelivery<T extends IncomingDelivery>(delivery: T, describe: DeliveryDescriber = describeDelivery): T {
  const { event, provider, deliveryId } = describe(delivery);
  if (event !== undefined) delivery.event = event;
  if (provider !== undefined) delivery.provider = provider;
  if (deliveryId !== undefined) delivery.deliveryId = deliveryId;
  return delivery;
}
