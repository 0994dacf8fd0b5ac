import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { importEsm, isUtf8, webhookRequest, withHeader } from './webhookRequests';

interface OctokitWebhooksMethods {
  sign(secret: string, payload: string): Promise<string>;
  verify(secret: string, payload: string, signature: string): Promise<boolean>;
}

const SECRET = "It's a Secret to Everybody";
const HEADERS = { 'x-github-event': 'push', 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'content-type': 'application/json' };

describe('GitHub signatures', () => {
  let octokit: OctokitWebhooksMethods;
  before(async () => {
    octokit = await importEsm<OctokitWebhooksMethods>('@octokit/webhooks-methods');
  });

  describeSchemeContract({
    provider: 'github',
    secret: SECRET,
    wrongSecret: 'not the secret',
    timestamped: false,
    unsignedHeaders: HEADERS,
    async sign(body) {
      // @octokit/webhooks-methods signs text; raw non-UTF-8 bytes are signed as GitHub documents it.
      const signature = isUtf8(body)
        ? await octokit.sign(SECRET, body.toString('utf8'))
        : `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      return webhookRequest({ ...HEADERS, 'x-hub-signature-256': signature }, body);
    },
  });

  describe('github: header specifics', () => {
    const body = '{"zen":"Design for failure.","hook_id":1}';
    it('matches the example vector from GitHub\u2019s documentation via the SDK', async () => {
      const signature = await octokit.sign(SECRET, 'Hello, World!');
      assert.equal(signature, 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
      assert.equal(verifySignature(webhookRequest({ 'x-hub-signature-256': signature }, 'Hello, World!'), SECRET).status, 'valid');
    });

    it('falls back to the SHA-1 X-Hub-Signature', () => {
      const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
      const result = verifySignature(webhookRequest({ ...HEADERS, 'x-hub-signature': sha1 }, body), SECRET);
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.algorithm, 'HMAC-SHA1');
      assert.equal(result.signatureHeader, 'x-hub-signature');
    });

    it('prefers X-Hub-Signature-256 when both are present', async () => {
      const req = webhookRequest({ 'x-hub-signature-256': await octokit.sign(SECRET, body), 'x-hub-signature': 'sha1=' + '0'.repeat(40) }, body);
      const result = verifySignature(req, SECRET);
      assert.equal(result.status, 'valid');
      assert.equal(result.signatureHeader, 'x-hub-signature-256');
    });

    it('agrees with the SDK\u2019s verify on what we accept', async () => {
      const signature = await octokit.sign(SECRET, body);
      assert.equal(await octokit.verify(SECRET, body, signature), true);
      assert.equal(verifySignature(webhookRequest({ 'x-hub-signature-256': signature }, body), SECRET).status, 'valid');
    });

    it('calls wrong prefixes, characters and lengths malformed', async () => {
      const good = await octokit.sign(SECRET, body);
      const req = webhookRequest(HEADERS, body);
      for (const bad of [good.replace('sha256=', 'sha1='), good.slice(0, -2), good.slice(0, -1) + 'g', good.slice('sha256='.length), 'sha256=']) {
        const result = verifySignature(withHeader(req, 'x-hub-signature-256', bad), SECRET);
        assert.equal(result.status, 'malformed', `${bad}: ${result.detail}`);
        assert.match(result.detail ?? '', /cannot be parsed/);
      }
    });

    it('treats a well-formed signature that matches nothing as invalid', () => {
      const result = verifySignature(webhookRequest({ 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` }, body), SECRET);
      assert.equal(result.status, 'invalid');
    });
  });
});
