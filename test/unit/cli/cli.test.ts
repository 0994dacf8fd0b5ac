// The command-line check as CI runs it: the bundled dist/cli.js in its own process, against handlers
// served in other processes, its exit code and output read as a CI job would.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { EndpointCheckReport } from '../../../src/core';
import type { Flaw } from '../../support/endpoints/referenceHandler';
import { startEndpoint, type RunningEndpoint } from '../../support/endpoints/startEndpoint';
import { keysFor } from '../check/checkFixtures';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('webhook-workbench CLI', function () {
  this.timeout(120_000);
  const running: RunningEndpoint[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  const handler = async (provider: string, secret: string, flaws: Flaw[] = []) => {
    const endpoint = await startEndpoint({ kind: 'reference', config: { provider, secret, maxBodyBytes: 65536, flaws } });
    running.push(endpoint);
    return endpoint;
  };

  it('check: exits 0 when every practice passes, printing one line per practice', async () => {
    const { key } = keysFor('stripe');
    const endpoint = await handler('stripe', key);
    const run = await cli(['check', '--url', `${endpoint.origin}/webhooks/stripe`, '--provider', 'stripe', '--secret-env', 'STRIPE_TEST_SECRET', '--max-body-bytes', '65536', '--side-effect-url', `${endpoint.origin}/_processed`], { STRIPE_TEST_SECRET: key });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^PASS 1\. Accepts a valid signed delivery in time/m);
    assert.match(run.stdout, /^N\/A {2}7\. Answers the provider's handshake: not applicable: Stripe sends no verification handshake/m);
    assert.match(run.stdout, /processed once/);
    assert.match(run.stdout, /^Passed: 8 passed, 0 with warnings, 0 failed, 1 not applicable/m);
    assert.ok(!run.stdout.includes(key), 'the secret is never printed');
  });

  it('check: exits 1 on a failed practice and says how to fix it', async () => {
    const { key } = keysFor('stripe');
    const endpoint = await handler('stripe', key, ['no-timestamp-check']);
    const run = await cli(['check', '--url', `${endpoint.origin}/hooks`, '--provider', 'stripe', '--secret-env', 'S', '--practice', '3'], { S: key });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^FAIL 3\. Refuses stale and future timestamps: failed: signed 10 minutes ago/m);
    assert.match(run.stdout, /fix: Check the signed timestamp against the clock/);
  });

  it('check --json: the whole report, every request and answer included', async () => {
    const { key } = keysFor('slack');
    const endpoint = await handler('slack', key);
    const run = await cli(['check', '--url', `${endpoint.origin}/slack/events`, '--provider', 'slack', '--secret-env', 'S', '--json'], { S: key });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as EndpointCheckReport;
    assert.equal(report.provider, 'slack');
    assert.equal(report.results.length, 9);
    const handshake = report.results.find((r) => r.id === 'handshake')!;
    assert.equal(handshake.status, 'pass');
    assert.equal(handshake.exchanges[0].response?.status, 200);
    assert.match(handshake.exchanges[0].request.bodyExcerpt, /"type":"url_verification"/);
  });

  it('keygen, then check a Discord handler configured with the public key', async () => {
    const keygen = await cli(['keygen', '--provider', 'discord', '--json']);
    assert.equal(keygen.code, 0, keygen.stderr);
    const pair = JSON.parse(keygen.stdout) as { privateKey: string; publicKey: string };
    assert.match(pair.publicKey, /^[0-9a-f]{64}$/);
    const endpoint = await handler('discord', pair.publicKey);
    const run = await cli(['check', '--url', `${endpoint.origin}/interactions`, '--provider', 'discord', '--secret-env', 'DISCORD_TEST_KEY', '--practice', 'valid-delivery,bad-signatures,handshake'], { DISCORD_TEST_KEY: pair.privateKey });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /PASS 7\. .*refused it with a bad signature/);
  });

  it('send: one signed sample event, and what the provider makes of the answer', async () => {
    const { key } = keysFor('github');
    const endpoint = await handler('github', key);
    const run = await cli(['send', '--url', `${endpoint.origin}/hooks`, '--provider', 'github', '--secret-env', 'S', '--event', 'ping', '--delivery-id', 'cli-ping-1'], { S: key });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Sent GitHub ping \(delivery cli-ping-1\)/);
    assert.match(run.stdout, /GitHub counts 200 in \d+ ms as delivered/);
  });

  it('usage errors exit 2 with a message on stderr: a missing option, an unset variable, an unknown provider', async () => {
    const missing = await cli(['check', '--provider', 'github', '--secret-env', 'S'], { S: 'x' });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--url is required/);
    const unset = await cli(['check', '--url', 'http://127.0.0.1:9/', '--provider', 'github', '--secret-env', 'NOT_SET_ANYWHERE']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /NOT_SET_ANYWHERE \(--secret-env\) is not set/);
    const unknown = await cli(['check', '--url', 'http://127.0.0.1:9/', '--provider', 'acme', '--secret-env', 'S'], { S: 'x' });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown provider "acme"/);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /webhook-workbench check --url URL --provider ID --secret-env VAR/);
  });

  it('a custom provider from --custom-provider is checked like a built-in one', async () => {
    const custom = { id: 'acme', name: 'Acme', signatureHeader: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', deliveryIdHeader: 'X-Acme-Delivery' };
    const endpoint = await startEndpoint({ kind: 'reference', config: { provider: 'custom:acme', secret: 'acme-secret', customProviders: [{ ...custom, signatureHeader: 'x-acme-signature', deliveryIdHeader: 'x-acme-delivery' } as never], maxBodyBytes: 65536, flaws: [] } });
    running.push(endpoint);
    const run = await cli(['check', '--url', `${endpoint.origin}/acme`, '--provider', 'custom:acme', '--custom-provider', JSON.stringify(custom), '--secret-env', 'S'], { S: 'acme-secret' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /as Acme/);
  });
});
