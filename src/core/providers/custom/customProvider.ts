import type { HmacAlgorithm } from '../../signatures/constantTime';
import type { SignatureEncoding } from '../../signatures/signatureEncoding';

/**
 * A user-defined HMAC scheme for providers without built-in support. Addressed as `custom:<id>`.
 * Example: `{ id: 'acme', name: 'Acme', signatureHeader: 'x-acme-signature', algorithm: 'sha256',
 * encoding: 'hex', prefix: 'sha256=', timestampHeader: 'x-acme-timestamp', signedContent: '{timestamp}.{body}' }`.
 */
export interface CustomProvider {
  /** Lower-case letters, digits, `-`, `_`, `.`; the provider id becomes `custom:<id>`. */
  id: string;
  name: string;
  /** Header carrying the signature, e.g. `x-acme-signature`. */
  signatureHeader: string;
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  /** Text before the signature in the header, e.g. `sha256=`. */
  prefix?: string;
  /** Header carrying the signing time; required when `signedContent` uses `{timestamp}`. */
  timestampHeader?: string;
  /** Unit of the timestamp header; default `s`. */
  timestampUnit?: 's' | 'ms';
  /**
   * What is signed; placeholders `{body}` (raw bytes), `{timestamp}` (header text), `{method}`,
   * `{url}` (the public URL when given, else path and query as received). Default `{body}`.
   */
  signedContent?: string;
  /** Header carrying a per-delivery id, for duplicate detection. */
  deliveryIdHeader?: string;
  /** Header naming the event, e.g. `X-Acme-Event` (or use `eventField`). */
  eventHeader?: string;
  /** Payload field naming the event, e.g. `type` or `event.type` (or use `eventHeader`). */
  eventField?: string;
}

export const CUSTOM_PREFIX = 'custom:';
export const PLACEHOLDERS = ['body', 'timestamp', 'method', 'url'] as const;

const KEYS = new Set(['id', 'name', 'signatureHeader', 'algorithm', 'encoding', 'prefix', 'timestampHeader', 'timestampUnit', 'signedContent', 'deliveryIdHeader', 'eventHeader', 'eventField']);
const ID = /^[a-z0-9][a-z0-9._-]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_PATH = /^[^.\s]+(\.[^.\s]+)*$/;

/** Everything wrong with a custom provider definition, one sentence each; empty when it is usable. */
export function customProviderProblems(definition: unknown): string[] {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return ['a custom provider must be an object'];
  }
  const def = definition as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(def)) if (!KEYS.has(key)) problems.push(`unknown field "${key}"`);
  if (typeof def.id !== 'string' || !ID.test(def.id)) problems.push('id must be lower-case letters, digits, "-", "_" or "." (e.g. "acme")');
  if (typeof def.name !== 'string' || def.name.trim() === '') problems.push('name must be a non-empty string');
  checkHeader(def.signatureHeader, 'signatureHeader', true, problems);
  checkHeader(def.timestampHeader, 'timestampHeader', false, problems);
  checkHeader(def.deliveryIdHeader, 'deliveryIdHeader', false, problems);
  checkHeader(def.eventHeader, 'eventHeader', false, problems);
  if (def.eventField !== undefined && (typeof def.eventField !== 'string' || !FIELD_PATH.test(def.eventField))) problems.push('eventField must be a payload field such as "type" or "event.type"');
  if (def.eventHeader !== undefined && def.eventField !== undefined) problems.push('set eventHeader or eventField, not both');
  if (!['sha1', 'sha256', 'sha512'].includes(def.algorithm as string)) problems.push('algorithm must be "sha1", "sha256" or "sha512"');
  if (!['hex', 'base64'].includes(def.encoding as string)) problems.push('encoding must be "hex" or "base64"');
  if (def.prefix !== undefined && typeof def.prefix !== 'string') problems.push('prefix must be a string such as "sha256="');
  if (def.timestampUnit !== undefined && def.timestampUnit !== 's' && def.timestampUnit !== 'ms') problems.push('timestampUnit must be "s" or "ms"');
  const template = def.signedContent ?? '{body}';
  if (typeof template !== 'string') {
    problems.push('signedContent must be a string such as "{timestamp}.{body}"');
    return problems;
  }
  const used = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  for (const name of used) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`signedContent has an unknown placeholder {${name}}; use {body}, {timestamp}, {method} or {url}`);
  }
  if (!used.includes('body')) problems.push('signedContent must include {body}');
  if (used.filter((name) => name === 'body').length > 1) problems.push('signedContent may include {body} only once');
  if (used.includes('timestamp') && def.timestampHeader === undefined) problems.push('signedContent uses {timestamp} but timestampHeader is not set');
  if (def.timestampHeader !== undefined && !used.includes('timestamp')) problems.push('timestampHeader is set but signedContent does not include {timestamp}, so the timestamp would not be signed');
  return problems;
}

/** Returns the definition with header names lower-cased, or throws an Error listing every problem. */
export function parseCustomProvider(definition: unknown): CustomProvider {
  const problems = customProviderProblems(definition);
  if (problems.length > 0) {
    const id = typeof (definition as { id?: unknown } | null)?.id === 'string' ? ` "${(definition as { id: string }).id}"` : '';
    throw new Error(`Custom provider${id} is not valid: ${problems.join('; ')}.`);
  }
  const def = definition as CustomProvider;
  return {
    ...def,
    signatureHeader: def.signatureHeader.toLowerCase(),
    ...(def.timestampHeader !== undefined ? { timestampHeader: def.timestampHeader.toLowerCase() } : {}),
    ...(def.deliveryIdHeader !== undefined ? { deliveryIdHeader: def.deliveryIdHeader.toLowerCase() } : {}),
  };
}

function checkHeader(value: unknown, field: string, required: boolean, problems: string[]): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || !HEADER_NAME.test(value)) problems.push(`${field} must be an HTTP header name such as "x-acme-signature"`);
}
