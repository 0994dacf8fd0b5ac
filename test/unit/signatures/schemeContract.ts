import * as assert from 'node:assert/strict';
import { verifySignature, type RawRequest, type SignatureResult, type VerifyOptions } from '../../../src/core';
import { isUtf8, jsonBodyOfSize, NON_UTF8_BODY, tamperedBody } from './webhookRequests';

/** How one provider signs, as the contract tests need it. */
export interface SchemeUnderTest {
  provider: string;
  /** What the verifier is given: the shared secret, or the public key for asymmetric schemes. */
  secret: string;
  wrongSecret: string;
  /** Whether the scheme signs a timestamp the tolerance applies to. */
  timestamped: boolean;
  /** Builds a delivery of `body` signed at `signedAtMs`; uses the provider's SDK whenever it can sign those bytes. */
  sign(body: Buffer, signedAtMs: number): Promise<RawRequest>;
  /** Builds the body to sign; Linear puts the timestamp in the body. Defaults to the body as is. */
  bodyAt?(body: Buffer, signedAtMs: number): Buffer;
  /** Provider headers of a delivery, without the signature header; omitted when the provider sends none. */
  unsignedHeaders?: Record<string, string>;
  options?: VerifyOptions;
}

const TOLERANCE = 300;

/** The cases every provider must pass: valid, tampered, wrong secret, timing, raw bytes, size, unsigned, no secret. */
export function describeSchemeContract(scheme: SchemeUnderTest): void {
  const now = Date.now();
  const bodyAt = (body: Buffer, at: number) => (scheme.bodyAt ? scheme.bodyAt(body, at) : body);
  const signed = (body: Buffer, at = now - 2000) => scheme.sign(bodyAt(body, at), at);
  const verify = (req: RawRequest, secret: string | undefined, extra: VerifyOptions = {}): SignatureResult =>
    verifySignature(req, secret, { now, ...scheme.options, ...extra });
  const json = Buffer.from(JSON.stringify({ id: 'evt_contract', type: 'contract.test', amount: 1999 }));

  describe(`${scheme.provider}: shared contract`, () => {
    it('accepts a delivery signed with the secret', async () => {
      const result = verify(await signed(json), scheme.secret);
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.provider, scheme.provider);
      assert.match(result.detail ?? '', /valid/);
    });

    it('reports a changed body as invalid', async () => {
      const result = verify(tamperedBody(await signed(json)), scheme.secret);
      assert.equal(result.status, 'invalid', result.detail);
      assert.match(result.detail ?? '', /differ/);
    });

    it('reports the wrong secret as invalid', async () => {
      const result = verify(await signed(json), scheme.wrongSecret);
      assert.equal(result.status, 'invalid', result.detail);
    });

    it('verifies a body that is not UTF-8 over its raw bytes', async () => {
      const body = bodyAt(NON_UTF8_BODY, now - 2000);
      assert.equal(isUtf8(body), false);
      const req = await scheme.sign(body, now - 2000);
      assert.equal(verify(req, scheme.secret).status, 'valid', verify(req, scheme.secret).detail);
      assert.equal(verify(tamperedBody(req), scheme.secret).status, 'invalid');
    });

    it('verifies a 1 MB body', async () => {
      const body = jsonBodyOfSize(1024 * 1024);
      const req = await signed(body);
      assert.ok(req.body.byteLength >= 1024 * 1024);
      assert.equal(verify(req, scheme.secret).status, 'valid', verify(req, scheme.secret).detail);
    });

    if (scheme.unsignedHeaders) {
      const headers = scheme.unsignedHeaders;
      it('calls a delivery with provider headers but no signature unsigned, naming the provider', () => {
        const req = { method: 'POST', url: '/hooks/test', headers: { ...headers }, body: json };
        const result = verifySignature(req, scheme.secret, { now, ...scheme.options });
        assert.equal(result.status, 'unsigned', result.detail);
        assert.equal(result.provider, scheme.provider);
      });
    }

    it('calls a delivery without the signature unsigned when the provider is chosen', () => {
      const req = { method: 'POST', url: '/hooks/test', headers: { 'content-type': 'application/json' }, body: json };
      const result = verifySignature(req, scheme.secret, { now, ...scheme.options, provider: scheme.provider });
      assert.equal(result.status, 'unsigned', result.detail);
      assert.equal(result.provider, scheme.provider);
    });

    it('asks for the secret when none is given', async () => {
      const req = await signed(json);
      for (const secret of [undefined, '']) {
        const result = verify(req, secret);
        assert.equal(result.status, 'no-secret', result.detail);
        assert.equal(result.provider, scheme.provider);
      }
    });

    if (!scheme.timestamped) return;

    it('calls a matching signature made too long ago expired, with the age and tolerance', async () => {
      const at = now - (TOLERANCE + 120) * 1000;
      const result = verify(await signed(json, at), scheme.secret);
      assert.equal(result.status, 'expired', result.detail);
      assert.ok(result.signedAt !== undefined && Math.abs(result.signedAt - at) < 1000);
      assert.equal(result.toleranceSeconds, TOLERANCE);
      assert.match(result.detail ?? '', /7 min before arrival; tolerance 5 min/);
    });

    it('calls a matching signature from too far in the future expired', async () => {
      const at = now + (TOLERANCE + 60) * 1000;
      const result = verify(await signed(json, at), scheme.secret);
      assert.equal(result.status, 'expired', result.detail);
      assert.ok((result.ageSeconds ?? 0) < 0);
      assert.match(result.detail ?? '', /after arrival/);
    });

    it('accepts signatures just inside the tolerance, past and future', async () => {
      for (const at of [now - (TOLERANCE - 2) * 1000, now + (TOLERANCE - 2) * 1000]) {
        const result = verify(await signed(json, at), scheme.secret);
        assert.equal(result.status, 'valid', result.detail);
      }
    });

    it('honours a custom tolerance', async () => {
      const req = await signed(json, now - 30_000);
      assert.equal(verify(req, scheme.secret, { toleranceSeconds: 10 }).status, 'expired');
      assert.equal(verify(req, scheme.secret, { toleranceSeconds: 60 }).status, 'valid');
    });

    it('calls an old delivery that does not match invalid, not expired', async () => {
      const result = verify(tamperedBody(await signed(json, now - 3600_000)), scheme.secret);
      assert.equal(result.status, 'invalid', result.detail);
    });

    it('reports when the signature was made', async () => {
      const at = now - 2000;
      const result = verify(await signed(json, at), scheme.secret);
      assert.equal(result.status, 'valid');
      assert.ok(result.signedAt !== undefined && Math.abs(result.signedAt - at) < 1000);
      assert.equal(result.toleranceSeconds, TOLERANCE);
      assert.match(result.detail ?? '', /signed [0-9] s before arrival/);
    });
  });
}
