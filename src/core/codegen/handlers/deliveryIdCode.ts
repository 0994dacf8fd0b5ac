import type { DeliveryIdRule } from '../../providers/providerDefinition';
import { quote } from './identifiers';
import { code, docComment } from './sourceText';

/**
 * `deliveryIdOf(delivery, payload)` for the generated file: the provider's delivery-id rule as
 * code, reading exactly what the extension's `deliveryIdOf` reads (deliveries/deliveryId.ts), so
 * the handler skips the same redeliveries the duplicate badge marks. Undefined for `none`.
 */
export function deliveryIdFunction(rule: DeliveryIdRule, providerName: string, exported: boolean): string | undefined {
  const ex = exported ? 'export ' : '';
  const list = (names: readonly string[]) => `[${names.map(quote).join(', ')}]`;
  switch (rule.kind) {
    case 'header':
      return [
        docComment(`The id ${providerName} repeats when it delivers the same event again: the first of ${rule.headers.join(', ')} that is set.`),
        `${ex}function deliveryIdOf(delivery: Delivery, _payload: unknown): string | undefined {`,
        `  for (const name of ${list(rule.headers)}) {`,
        '    const value = delivery.header(name)?.trim();',
        '    if (value) return value;',
        '  }',
        '  return undefined;',
        '}',
      ].join('\n');
    case 'field':
      return [
        docComment(`The id ${providerName} repeats when it delivers the same event again: the first of the payload's ${rule.fields.join(', ')} that is set.`),
        `${ex}function deliveryIdOf(_delivery: Delivery, payload: unknown): string | undefined {`,
        '  if (typeof payload !== \'object\' || payload === null || Array.isArray(payload)) return undefined;',
        `  for (const field of ${list(rule.fields)}) {`,
        '    const value = idText((payload as Record<string, unknown>)[field]);',
        '    if (value !== undefined) return value;',
        '  }',
        '  return undefined;',
        '}',
      ].join('\n');
    case 'batch':
      return [
        docComment(
          `${providerName} batches events and gives the request no id of its own: the ids of its events (${rule.field}), joined, name a redelivery of the same batch. A retry may group events differently, so make each event's work idempotent on its ${rule.field} too.`,
        ),
        `${ex}function deliveryIdOf(_delivery: Delivery, payload: unknown): string | undefined {`,
        '  const events: unknown[] = Array.isArray(payload) ? payload : [payload];',
        '  const ids = events.map((event) =>',
        `    typeof event === 'object' && event !== null ? idText((event as Record<string, unknown>)[${quote(rule.field)}]) : undefined,`,
        '  );',
        "  return ids.length > 0 && ids.every((id) => id !== undefined) ? ids.join(',') : undefined;",
        '}',
      ].join('\n');
    case 'none':
      return undefined;
  }
}

/** Source of `idText`, emitted when deliveryIdOf reads payload fields. */
export const ID_TEXT_HELPER = code`
  /** An id field's text: a non-empty string as it is, a number as JSON writes it. */
  function idText(value: unknown): string | undefined {
    if (typeof value === 'string') return value === '' ? undefined : value;
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  }`;
