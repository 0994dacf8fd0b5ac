import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { customProviderProblems, detectProvider, parseCustomProvider, verifyCustomSignature, verifySignature, type CustomProvider } from '../../../src/core';
import { NON_UTF8_BODY, tamperedBody, webhookRequest } from './webhookRequests';

const ACME: CustomProvider = {
  id: 'acme',
  name: 'Acme',
  signatureHeader: 'X-Acme-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  timestampHeader: 'x-acme-timestamp',
  signedContent: '{timestamp}.{body}',
  deliveryIdHeader: 'x-acme-delivery',
};
const SECRET = 'acme-secret';

function acmeRequest(body: Buffer, timestamp: number, secret = SECRET) {
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return webhookRequest({ 'x-acme-signature': `sha256=${signature}`, 'x-acme-timestamp': String(timestamp) }, body);
}

describe('custom HMAC providers', () => {
  const now = Date.now();
  const t = Math.floor(now / 1000);
  const body = Buffer.from('{"event":"order.paid"}');
  const options = { customProviders: [ACME], now };

  it('detects and verifies a custom provider as custom:<id>', () => {
    const req = acmeRequest(body, t);
    assert.equal(detectProvider(req, [ACME]), 'custom:acme');
    assert.equal(detectProvider(req), undefined);
    const result = verifySignature(req, SECRET, options);
    assert.equal(result.status, 'valid', result.detail);
    assert.equal(result.provider, 'custom:acme');
    assert.equal(result.providerName, 'Acme');
    assert.equal(result.algorithm, 'HMAC-SHA256');
  });

  it('applies the same statuses as built-in providers', () => {
    assert.equal(verifySignature(tamperedBody(acmeRequest(body, t)), SECRET, options).status, 'invalid');
    assert.equal(verifySignature(acmeRequest(body, t, 'other'), SECRET, options).status, 'invalid');
    assert.equal(verifySignature(acmeRequest(body, t - 600), SECRET, options).status, 'expired');
    assert.equal(verifySignature(acmeRequest(body, t + 600), SECRET, options).status, 'expired');
    assert.equal(verifySignature(acmeRequest(NON_UTF8_BODY, t), SECRET, options).status, 'valid');
    assert.equal(verifySignature(acmeRequest(body, t), undefined, options).status, 'no-secret');
    const unsigned = verifySignature(webhookRequest({}, body), SECRET, { ...options, provider: 'custom:acme' });
    assert.equal(unsigned.status, 'unsigned');
    assert.equal(unsigned.provider, 'custom:acme');
  });

  it('calls a wrong prefix, bad encoding or missing timestamp malformed', () => {
    const good = acmeRequest(body, t);
    const signature = good.headers['x-acme-signature'] as string;
    for (const bad of [signature.slice('sha256='.length), `sha256=${'z'.repeat(64)}`, signature.slice(0, -2)]) {
      assert.equal(verifySignature({ ...good, headers: { ...good.headers, 'x-acme-signature': bad } }, SECRET, options).status, 'malformed', bad);
    }
    const { 'x-acme-timestamp': _dropped, ...withoutTimestamp } = good.headers;
    assert.equal(verifySignature({ ...good, headers: withoutTimestamp }, SECRET, options).status, 'malformed');
  });

  it('fills {method} and {url} (the public URL when given) and supports base64 SHA-512 and SHA-1', () => {
    const sha512: CustomProvider = { id: 'beta', name: 'Beta', signatureHeader: 'x-beta-sig', algorithm: 'sha512', encoding: 'base64', signedContent: '{method} {url}\n{body}' };
    const signed = createHmac('sha512', SECRET).update('POST https://hooks.example/beta?x=1\n').update(body).digest('base64');
    const req = webhookRequest({ 'x-beta-sig': signed }, body, { url: '/beta?x=1' });
    assert.equal(verifyCustomSignature(req, SECRET, [sha512], { publicUrl: 'https://hooks.example/beta?x=1' }).status, 'valid');
    assert.equal(verifyCustomSignature(req, SECRET, [sha512]).status, 'invalid');
    const sha1: CustomProvider = { id: 'gamma', name: 'Gamma', signatureHeader: 'x-gamma-sig', algorithm: 'sha1', encoding: 'hex' };
    const sig1 = createHmac('sha1', SECRET).update(body).digest('hex');
    assert.equal(verifyCustomSignature(webhookRequest({ 'x-gamma-sig': sig1 }, body), SECRET, [sha1]).status, 'valid');
  });

  it('takes a millisecond timestamp when told', () => {
    const ms: CustomProvider = { ...ACME, id: 'ms', timestampUnit: 'ms' };
    const signature = createHmac('sha256', SECRET).update(`${now}.`).update(body).digest('hex');
    const req = webhookRequest({ 'x-acme-signature': `sha256=${signature}`, 'x-acme-timestamp': String(now) }, body);
    assert.equal(verifySignature(req, SECRET, { provider: 'custom:ms', customProviders: [ms], now }).status, 'valid');
  });

  it('accepts a sound definition and lower-cases its header names', () => {
    assert.deepEqual(customProviderProblems(ACME), []);
    assert.equal(parseCustomProvider(ACME).signatureHeader, 'x-acme-signature');
  });

  it('explains every problem of a bad definition', () => {
    const problems = customProviderProblems({ id: 'Acme Corp', name: '', signatureHeader: 'x acme', algorithm: 'md5', encoding: 'base32', signedContent: '{timestamp}.{payload}', colour: 'red' });
    assert.deepEqual(problems, [
      'unknown field "colour"',
      'id must be lower-case letters, digits, "-", "_" or "." (e.g. "acme")',
      'name must be a non-empty string',
      'signatureHeader must be an HTTP header name such as "x-acme-signature"',
      'algorithm must be "sha1", "sha256" or "sha512"',
      'encoding must be "hex" or "base64"',
      'signedContent has an unknown placeholder {payload}; use {body}, {timestamp}, {method} or {url}',
      'signedContent must include {body}',
      'signedContent uses {timestamp} but timestampHeader is not set',
    ]);
    assert.deepEqual(customProviderProblems({ ...ACME, signedContent: '{body}' }), ['timestampHeader is set but signedContent does not include {timestamp}, so the timestamp would not be signed']);
    assert.deepEqual(customProviderProblems('acme'), ['a custom provider must be an object']);
    assert.throws(() => parseCustomProvider({ ...ACME, algorithm: 'md5' }), /Custom provider "acme" is not valid: algorithm must be/);
  });

  it('ignores invalid definitions when detecting', () => {
    const broken = { ...ACME, algorithm: 'md5' } as unknown as CustomProvider;
    assert.equal(detectProvider(acmeRequest(body, t), [broken]), undefined);
  });
});
