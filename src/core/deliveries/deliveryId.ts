import type { RawRequest } from '../capture';
import type { CustomProvider } from '../providers/custom/customProvider';
import type { DeliveryIdRule } from '../providers/providerDefinition';
import { detectDefinition } from '../providers/providerDetection';
import { findProvider } from '../providers/providerLookup';
import { bodyJson, headerValue, isRecord } from '../signatures/requestParts';

/**
 * The provider's id for this delivery, the same across retries, or undefined when it carries none.
 * `provider` defaults to the detected one. Generated handlers read the same id (see
 * codegen/handlers/deliveryIdCode.ts), so the duplicate badge and the handler agree.
 */
export function deliveryIdOf(req: RawRequest, provider?: string, customProviders: readonly CustomProvider[] = []): string | undefined {
  const definition = provider !== undefined ? findProvider(provider, customProviders) : detectDefinition(req, customProviders);
  if (!definition) return undefined;
  return readDeliveryId(definition.deliveryId, (name) => headerValue(req, name), () => bodyJson(req));
}

/** Applies a provider's delivery-id rule; the payload is parsed only when the rule reads it. */
export function readDeliveryId(rule: DeliveryIdRule, header: (name: string) => string | undefined, payload: () => unknown): string | undefined {
  switch (rule.kind) {
    case 'header':
      for (const name of rule.headers) {
        const value = header(name)?.trim();
        if (value) return value;
      }
      return undefined;
    case 'field': {
      const parsed = payload();
      if (!isRecord(parsed)) return undefined;
      for (const field of rule.fields) {
        const value = idText(parsed[field]);
        if (value !== undefined) return value;
      }
      return undefined;
    }
    case 'batch': {
      const parsed = payload();
      const events = Array.isArray(parsed) ? parsed : [parsed];
      const ids = events.map((event) => (isRecord(event) ? idText(event[rule.field]) : undefined));
      return ids.length > 0 && ids.every((value) => value !== undefined) ? ids.join(',') : undefined;
    }
    case 'none':
      return undefined;
  }
}

/** An id field's text: a non-empty string as it is, a finite number as JSON writes it. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
