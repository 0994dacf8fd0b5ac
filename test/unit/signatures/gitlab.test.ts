import * as assert from 'node:assert/strict';
import { verifySignature } from '../../../src/core';
import { jsonBodyOfSize, NON_UTF8_BODY, webhookRequest } from './webhookRequests';

// GitLab sends the secret token itself in X-Gitlab-Token; there is no signature to compute.
const TOKEN = 'glwt-secret-token';
const HEADERS = { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e' };

describe('GitLab tokens', () => {
  describe('gitlab: token semantics', () => {
    const body = Buffer.from('{"object_kind":"push"}');
    it('is valid when the token equals the secret, whatever the body', () => {
      for (const b of [body, NON_UTF8_BODY, jsonBodyOfSize(1024 * 1024)]) {
        const result = verifySignature(webhookRequest({ ...HEADERS, 'x-gitlab-token': TOKEN }, b), TOKEN);
        assert.equal(result.status, 'valid', result.detail);
        assert.equal(result.provider, 'gitlab');
        assert.equal(result.algorithm, 'shared token');
      }
    });

    it('is invalid when the token differs, including a prefix or a longer token', () => {
      for (const token of ['other', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
        const result = verifySignature(webhookRequest({ ...HEADERS, 'x-gitlab-token': token }, body), TOKEN);
        assert.equal(result.status, 'invalid', token);
        assert.match(result.detail ?? '', /differs/);
      }
    });

    it('is unsigned without the token, no-secret without a secret, malformed when empty', () => {
      assert.equal(verifySignature(webhookRequest(HEADERS, body), TOKEN).status, 'unsigned');
      assert.equal(verifySignature(webhookRequest(HEADERS, body), TOKEN).provider, 'gitlab');
      assert.equal(verifySignature(webhookRequest({ ...HEADERS, 'x-gitlab-token': TOKEN }, body), undefined).status, 'no-secret');
      assert.equal(verifySignature(webhookRequest({ ...HEADERS, 'x-gitlab-token': '' }, body), TOKEN).status, 'malformed');
    });
  });


  it('gitlab: rejects the wrong secret (the shared contract does not apply: the body is not signed)', () => {
    assert.equal(verifySignature(webhookRequest({ 'x-gitlab-token': TOKEN }, '{}'), 'wrong').status, 'invalid');
  });
});
