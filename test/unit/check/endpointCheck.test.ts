// The endpoint check against handlers written for these tests (test/support/endpoints), each in its
// own process on loopback: a correct one for every provider, and for every practice one or more
// handlers broken in just that respect. The check must fail each broken one and pass the correct one.
import * as assert from 'node:assert/strict';
import type { EndpointCheckOptions, PracticeId } from '../../../src/core';
import { BUILT_IN_PROVIDERS, EndpointCheckError, runEndpointCheck } from '../../../src/core';
import type { Flaw } from '../../support/endpoints/referenceHandler';
import { startEndpoint, type RunningEndpoint } from '../../support/endpoints/startEndpoint';
import { closedPort } from '../../support/recordingTarget';
import { ACME, assertAllPass, keysFor, passed, SAMPLES } from './checkFixtures';

const MAX_BODY_BYTES = 64 * 1024;
/**
 * The timeout the timing cases hold handlers to: the slow broken handlers stall for 5 s, five times
 * longer; the correct handler answers in milliseconds.
 */
const SCALED_TIMEOUT_MS = 1000;

async function referenceEndpoint(provider: string, flaws: Flaw[] = []): Promise<{ endpoint: RunningEndpoint; key: string }> {
  const { key, handlerSecret } = keysFor(provider);
  const endpoint = await startEndpoint({ kind: 'reference', config: { provider, secret: handlerSecret, customProviders: [ACME], maxBodyBytes: MAX_BODY_BYTES, flaws } });
  return { endpoint, key };
}

function checkOptions(provider: string, endpoint: RunningEndpoint, key: string, extra: Partial<EndpointCheckOptions> = {}): EndpointCheckOptions {
  return {
    url: `${endpoint.origin}/webhooks/${provider.replace(':', '-')}`,
    provider,
    key,
    customProviders: [ACME],
    samplesFolder: SAMPLES,
    oversizedBodyBytes: MAX_BODY_BYTES,
    ...extra,
  };
}

interface BrokenCase {
  practice: PracticeId;
  provider: string;
  flaws: Flaw[];
  /** What is wrong with the handler. */
  handler: string;
  timing?: boolean;
  sideEffect?: boolean;
}

const BROKEN: BrokenCase[] = [
  { practice: 'valid-delivery', provider: 'stripe', flaws: ['slow-before-answer'], handler: 'does 5 s of synchronous work before answering', timing: true },
  { practice: 'valid-delivery', provider: 'stripe', flaws: ['reserialised-json'], handler: "verifies over re-serialised JSON (Stripe's indented body no longer matches)" },
  { practice: 'bad-signatures', provider: 'github', flaws: ['no-signature-check'], handler: 'checks no signature' },
  { practice: 'bad-signatures', provider: 'github', flaws: ['reserialised-json'], handler: 'verifies the signature over re-serialised JSON' },
  { practice: 'bad-signatures', provider: 'sendgrid', flaws: ['no-signature-check'], handler: 'checks no signature (ECDSA)' },
  { practice: 'stale-timestamps', provider: 'stripe', flaws: ['no-timestamp-check'], handler: 'checks the signature but not its timestamp' },
  { practice: 'stale-timestamps', provider: 'linear', flaws: ['no-timestamp-check'], handler: 'ignores the signed webhookTimestamp in the body' },
  { practice: 'duplicate-delivery', provider: 'stripe', flaws: ['error-on-duplicate'], handler: 'answers 500 to a delivery id it has seen' },
  { practice: 'duplicate-delivery', provider: 'slack', flaws: ['processes-duplicates'], handler: 'processes a retry again (seen through the side effect)', sideEffect: true },
  { practice: 'unparsable-json', provider: 'stripe', flaws: ['error-on-bad-json'], handler: 'answers 500 when JSON.parse throws' },
  { practice: 'fast-acknowledgement', provider: 'stripe', flaws: ['slow-before-answer'], handler: 'does 5 s of synchronous work before answering', timing: true },
  { practice: 'fast-acknowledgement', provider: 'stripe', flaws: ['blocks-after-answer'], handler: 'answers, then blocks its event loop for 3 s', timing: true },
  { practice: 'handshake', provider: 'slack', flaws: ['no-handshake'], handler: 'treats url_verification as an event' },
  { practice: 'handshake', provider: 'discord', flaws: ['no-signature-check'], handler: 'answers a PING whose signature is wrong' },
  { practice: 'method-and-size', provider: 'stripe', flaws: ['ok-to-other-methods'], handler: 'answers 200 to a GET' },
  { practice: 'method-and-size', provider: 'stripe', flaws: ['no-size-limit'], handler: 'reads bodies of any size' },
  { practice: 'secret-rotation', provider: 'standard-webhooks', flaws: ['first-signature-only'], handler: 'checks only the first v1, signature' },
  { practice: 'secret-rotation', provider: 'stripe', flaws: ['first-signature-only'], handler: 'checks only the first v1= signature' },
];

describe('endpoint check', function () {
  this.timeout(120_000);
  const running: RunningEndpoint[] = [];
  const start = async (provider: string, flaws: Flaw[] = []) => {
    const started = await referenceEndpoint(provider, flaws);
    running.push(started.endpoint);
    return started;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });

  describe('a correct handler passes every practice that applies', () => {
    for (const provider of [...BUILT_IN_PROVIDERS, 'custom:acme']) {
      it(provider, async () => {
        const { endpoint, key } = await start(provider);
        const report = await runEndpointCheck(checkOptions(provider, endpoint, key, { sideEffect: { description: 'processed count', read: endpoint.processed } }));
        assertAllPass(report, provider);
        const notes = report.results.find((r) => r.id === 'duplicate-delivery')!.notes.join('\n');
        if (provider === 'discord') {
          assert.match(notes, /Not judged: without a delivery id/, 'Discord Webhook Events carry no id');
        } else {
          const seen = /"(\d+)" before, "(\d+)" after the delivery, "(\d+)" after the retry/.exec(notes);
          assert.ok(seen, notes);
          assert.deepEqual([Number(seen[2]) - Number(seen[1]), seen[3]], [1, seen[2]], 'processed once: the retry changed nothing');
        }
        // Every scheme that signs the body gets the changed-body probes (GitLab's token signs none).
        const probes = report.results.find((r) => r.id === 'bad-signatures')!.exchanges.map((e) => e.label);
        assert.equal(probes.includes('the body changed in one byte after signing'), provider !== 'gitlab', probes.join('\n'));
        assert.equal(probes.includes('the signed JSON re-formatted (the same data in other bytes)'), !['gitlab', 'twilio'].includes(provider), probes.join('\n'));
        for (const result of report.results) {
          for (const exchange of result.exchanges) {
            assert.ok(exchange.request.headers.length > 0 && exchange.startedAt > 0, 'every exchange has its evidence');
            assert.ok(exchange.response || exchange.error, 'an answer or why there was none');
          }
        }
      });
    }
  });

  describe('each practice fails on a handler broken in that respect, and passes on the correct one', () => {
    for (const c of BROKEN) {
      it(`${c.practice}: ${c.provider} handler that ${c.handler}`, async () => {
        const options = (endpoint: RunningEndpoint, key: string): EndpointCheckOptions =>
          checkOptions(c.provider, endpoint, key, {
            practices: [c.practice],
            ...(c.timing ? { responseTimeoutMs: SCALED_TIMEOUT_MS } : {}),
            ...(c.sideEffect ? { sideEffect: { description: 'processed count', read: endpoint.processed } } : {}),
          });
        const broken = await start(c.provider, c.flaws);
        const failed = await runEndpointCheck(options(broken.endpoint, broken.key));
        assert.equal(failed.results.length, 1);
        const [result] = failed.results;
        assert.equal(result.status, 'fail', `${c.handler}: ${result.summary}`);
        assert.ok(result.hint && result.expected && result.actual, 'a failure says what was expected, what happened and how to fix it');
        assert.equal(failed.outcome, 'fail');

        const good = await start(c.provider);
        // The timing cases hold the correct handler to the provider's own timeout: the scaled 1 s
        // would make its verdict depend on how loaded this machine is.
        const fine = await runEndpointCheck({ ...options(good.endpoint, good.key), ...(c.timing ? { responseTimeoutMs: undefined } : {}) });
        assert.ok(passed(fine.results[0]), `correct handler: ${fine.results[0].actual ?? fine.results[0].summary}`);
      });
    }
  });

  it('says honestly that process-once cannot be seen without a side effect to read', async () => {
    const { endpoint, key } = await start('stripe', ['processes-duplicates']);
    const report = await runEndpointCheck(checkOptions('stripe', endpoint, key, { practices: ['duplicate-delivery'] }));
    const [result] = report.results;
    assert.equal(result.status, 'pass', 'two 2xx answers are all that can be seen from outside');
    assert.ok(result.notes.some((n) => /cannot be seen from outside/.test(n) && /evt_/.test(n)), result.notes.join('\n'));
  });

  it('handshake: a Discord interactions endpoint passes by answering the PING of type 1', async () => {
    const { endpoint, key } = await start('discord', ['interactions-only']);
    const report = await runEndpointCheck(checkOptions('discord', endpoint, key, { practices: ['handshake'] }));
    const [result] = report.results;
    assert.equal(result.status, 'pass', result.actual);
    assert.deepEqual(result.exchanges.map((e) => [e.label.split(':')[0], e.response?.status]), [
      ['discord-webhook-ping', 400],
      ['discord-interactions-ping', 200],
      ['discord-interactions-ping with a deliberately wrong signature', 401],
    ]);
    assert.match(result.notes.join(' '), /Answered discord-interactions-ping/);
  });

  it('warns instead of judging when the side effect never changes', async () => {
    const { endpoint, key } = await start('stripe');
    const report = await runEndpointCheck(checkOptions('stripe', endpoint, key, {
      practices: ['duplicate-delivery'],
      sideEffect: { description: 'a constant', read: async () => 'same' },
      settleMs: 300,
    }));
    assert.equal(report.results[0].status, 'warn');
    assert.match(report.results[0].actual ?? '', /did not change/);
  });

  it('does not probe oversized bodies unless the size is set', async () => {
    const { endpoint, key } = await start('stripe', ['no-size-limit']);
    const report = await runEndpointCheck(checkOptions('stripe', endpoint, key, { practices: ['method-and-size'], oversizedBodyBytes: undefined }));
    assert.equal(report.results[0].status, 'pass');
    assert.equal(report.results[0].exchanges.length, 1);
    assert.ok(report.results[0].notes.some((n) => /Oversized bodies not probed/.test(n)));
  });

  it('reports an endpoint that does not answer as failed practices, never as a thrown error', async () => {
    const { key } = keysFor('github');
    const report = await runEndpointCheck({ url: `http://127.0.0.1:${await closedPort()}/hooks`, provider: 'github', key, samplesFolder: SAMPLES });
    assert.equal(report.outcome, 'fail');
    for (const result of report.results.filter((r) => r.status !== 'not-applicable')) {
      assert.equal(result.status, 'fail', result.title);
      assert.ok(result.exchanges.every((e) => e.error?.code === 'ECONNREFUSED'));
    }
  });

  it('stops at once when cancelled, even while a request is waiting for an answer', async () => {
    const { endpoint, key } = await start('stripe', ['slow-before-answer']);
    const controller = new AbortController();
    // With a ten-minute timeout, only the abort can end this run before mocha's timeout does.
    const report = await runEndpointCheck(checkOptions('stripe', endpoint, key, {
      responseTimeoutMs: 600_000,
      signal: controller.signal,
      onPractice: (event) => {
        if (event.kind === 'started' && event.id === 'valid-delivery') setTimeout(() => controller.abort(), 50);
      },
    }));
    assert.equal(report.outcome, 'cancelled');
    assert.deepEqual(report.results, []);
  });

  it('runs only the practices asked for, in order, reporting each as it ends', async () => {
    const { endpoint, key } = await start('slack');
    const seen: string[] = [];
    const report = await runEndpointCheck(checkOptions('slack', endpoint, key, {
      practices: ['handshake', 'valid-delivery'],
      onPractice: (event) => seen.push(`${event.kind}:${event.kind === 'started' ? event.id : event.result.id}`),
    }));
    assert.deepEqual(report.results.map((r) => r.id), ['valid-delivery', 'handshake']);
    assert.deepEqual(seen, ['started:valid-delivery', 'finished:valid-delivery', 'started:handshake', 'finished:handshake']);
  });

  it('refuses to start without what it needs, saying what is missing', async () => {
    const base = { url: 'http://127.0.0.1:9/hooks', samplesFolder: SAMPLES };
    await assert.rejects(runEndpointCheck({ ...base, provider: 'acme', key: 'k' }), (e: Error) => e instanceof EndpointCheckError && /Unknown provider "acme"/.test(e.message));
    await assert.rejects(runEndpointCheck({ ...base, url: 'ftp://x/y', provider: 'github', key: 'k' }), /http:\/\/ or https:\/\//);
    await assert.rejects(runEndpointCheck({ ...base, url: 'not a url', provider: 'github', key: 'k' }), /is not a URL/);
    await assert.rejects(runEndpointCheck({ ...base, provider: 'github', key: '' }), /needs the webhook secret/);
    await assert.rejects(runEndpointCheck({ ...base, provider: 'discord', key: 'abcd' }), /PKCS#8 PEM/);
    await assert.rejects(runEndpointCheck({ ...base, provider: 'standard-webhooks', key: 'whsec_!!' }), /whsec_ followed by base64/);
    await assert.rejects(runEndpointCheck({ ...base, provider: 'github', key: 'k', event: 'nope' }), /No GitHub sample event "nope"; there are: push/);
  });
});
