import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CustomProvider, EndpointCheckReport, PracticeId, PracticeResult, ProviderDefinition } from '../../../src/core';
import { findProvider, handlerSecretFor } from '../../../src/core';

/** The sample events shipped with the extension (out/test/unit/check → the repository's samples/). */
export const SAMPLES = path.resolve(__dirname, '../../../../samples');

export const ACME: CustomProvider = {
  id: 'acme',
  name: 'Acme',
  signatureHeader: 'x-acme-signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  timestampHeader: 'x-acme-timestamp',
  signedContent: '{timestamp}.{body}',
  deliveryIdHeader: 'x-acme-delivery',
  eventHeader: 'X-Acme-Event',
};

/** What signs the check's deliveries (`key`) and what the handler verifies with (`handlerSecret`). */
export function keysFor(provider: string, customProviders: readonly CustomProvider[] = [ACME]): { definition: ProviderDefinition; key: string; handlerSecret: string } {
  const definition = findProvider(provider, customProviders);
  assert.ok(definition, provider);
  const key = definition.signing.kind === 'private-key'
    ? definition.signing.testKeys.generate().privateKey
    : provider === 'standard-webhooks' ? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' : `${provider.replace(/\W/g, '')}_test_secret_0f3a9c`;
  return { definition, key, handlerSecret: handlerSecretFor(definition, key) };
}

/** The practices each provider cannot be checked on, and why that is right (see the README table). */
export const NOT_APPLICABLE: Record<string, PracticeId[]> = {
  github: ['stale-timestamps', 'handshake', 'secret-rotation'],
  stripe: ['handshake'],
  slack: ['secret-rotation'],
  shopify: ['stale-timestamps', 'handshake', 'secret-rotation'],
  twilio: ['stale-timestamps', 'unparsable-json', 'handshake', 'secret-rotation'],
  'standard-webhooks': ['handshake'],
  paddle: ['handshake'],
  square: ['stale-timestamps', 'handshake', 'secret-rotation'],
  linear: ['handshake', 'secret-rotation'],
  gitlab: ['stale-timestamps', 'handshake', 'secret-rotation'],
  hubspot: ['handshake', 'secret-rotation'],
  discord: ['secret-rotation'],
  sendgrid: ['handshake', 'secret-rotation'],
  'custom:acme': ['handshake', 'secret-rotation'],
};

/**
 * Passed: a pass, or a warning that only says the 2xx answers came slower than half the timeout
 * (how long a loopback answer takes on a loaded machine is no property of the handler).
 */
export function passed(result: PracticeResult): boolean {
  if (result.status === 'pass') return true;
  return result.status === 'warn' && result.exchanges.every((e) => e.response !== undefined && e.response.status >= 200 && e.response.status < 300);
}

export function describeFailures(report: EndpointCheckReport): string {
  return report.results.filter((r) => !passed(r) && r.status !== 'not-applicable').map((r) => `${r.number}. ${r.status}: ${r.actual ?? r.summary}`).join('\n');
}

/** Every applicable practice passed, and exactly the expected ones were not applicable. */
export function assertAllPass(report: EndpointCheckReport, provider: string): void {
  assert.equal(report.results.length, 9, 'all nine practices ran');
  assert.deepEqual(report.results.filter((r) => r.status === 'not-applicable').map((r) => r.id), NOT_APPLICABLE[provider], `${provider}: practices not applicable`);
  assert.equal(describeFailures(report), '', `${provider}: every applicable practice passes`);
  assert.equal(report.outcome, 'pass');
}
