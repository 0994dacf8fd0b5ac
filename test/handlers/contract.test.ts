// The contract of every generated handler, for every provider × framework, served for real and
// sent real deliveries signed as the providers sign them: a valid delivery runs its typed function
// after the 2xx; a forged, stale, unsigned or unparsable one is refused and runs nothing; a
// redelivery runs nothing again, even while the first is still running; an event nobody captured
// is acknowledged and ignored; a function that throws is logged, and a redelivery runs it again.
import * as assert from 'node:assert/strict';
import { findProvider } from '../../src/core';
import type { HandlerFramework } from '../../src/core';
import { send, type SentResponse } from '../support/httpClient';
import { realDeliveries, SCENARIO_APPS } from './realDeliveries';
import { ALL_FRAMEWORKS, appId, functionFor, generateFromCaptures, kitApp, routeOf, serveInProcess, serveNext, servePython, type AppHost } from './support/generatedApps';
import { HandlerProbe } from './support/handlerProbe';
import { payloadOf, PROVIDER_KITS, PUBLIC_ORIGIN, type Delivery, type ExpectedAnswer, type ProviderKit } from './support/providerKits';

const TEN_MINUTES = 10 * 60 * 1000;
/** How long a generated handler keeps a delivery id claimed while its function runs. */
const PROCESSING_LIMIT = 60 * 60 * 1000;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function assertAnswer(answer: SentResponse, expected: ExpectedAnswer, what: string): void {
  const body = answer.body.toString('utf8');
  assert.equal(answer.status, expected.status, `${what}: ${body}`);
  if (expected.json !== undefined) assert.deepEqual(JSON.parse(body), expected.json, what);
  if (expected.text !== undefined) {
    assert.equal(body, expected.text.content, what);
    assert.match(String(answer.headers['content-type']), new RegExp(`^${expected.text.contentType}`), what);
  }
  if (expected.status === 204) assert.equal(body, '', what);
}

/** Every kit's app, and the apps of the real-delivery scenarios, served by one host per framework. */
async function startHost(framework: HandlerFramework, env: Record<string, string>): Promise<AppHost> {
  const apps = [...PROVIDER_KITS.map(kitApp), ...SCENARIO_APPS];
  switch (framework) {
    case 'nextjs':
      return serveNext(apps, { ...process.env, ...env });
    case 'flask':
    case 'fastapi':
      return servePython(framework, apps, { ...process.env, ...env });
    default:
      return serveInProcess(framework, apps);
  }
}

describe('generated handlers: the contract for every provider × framework', function () {
  this.timeout(60_000);
  const probe = new HandlerProbe();
  const env: Record<string, string> = {};
  const savedEnv = new Map<string, string | undefined>();

  before(async () => {
    await probe.start();
    Object.assign(env, ...PROVIDER_KITS.map((kit) => kit.env(PUBLIC_ORIGIN)), { WEBHOOK_PROBE_URL: probe.url });
    // The frameworks served in this process read the same variables.
    for (const [name, value] of Object.entries(env)) {
      savedEnv.set(name, process.env[name]);
      process.env[name] = value;
    }
  });

  after(async () => {
    await probe.close();
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  for (const framework of ALL_FRAMEWORKS) {
    describe(framework, function () {
      let host: AppHost;

      before(async function () {
        this.timeout(600_000);
        host = await startHost(framework, env);
      });

      after(async () => {
        await host?.close();
      });

      for (const kit of PROVIDER_KITS) contractOf(framework, kit, () => host, probe);
      describe('real deliveries beyond the happy path', () => realDeliveries(framework, () => host, probe));
    });
  }
});

function contractOf(framework: HandlerFramework, kit: ProviderKit, host: () => AppHost, probe: HandlerProbe): void {
  const python = framework === 'flask' || framework === 'fastapi';
  const app = appId(framework, kit);
  const route = routeOf(kit);
  const signedUrl = PUBLIC_ORIGIN + route;
  const { spec } = generateFromCaptures(kit, framework);
  const fn = functionFor(spec, kit.knownEvent, python);
  let deliveries = 0;
  const newId = () => `${framework.replace(/\W/g, '')}${kit.provider.replace(/\W/g, '')}${++deliveries}${Date.now() % 100000}`;
  const sign = (delivery: Delivery, at = Date.now()) => Promise.resolve(kit.sign(delivery, signedUrl, at));
  const post = (signed: Delivery) => send(`${host().baseUrl(app)}${route}${signed.query ?? ''}`, { headers: signed.headers, body: signed.body });

  /** A valid delivery after `before` calls: its call must be the next one, so nothing else ran in between. */
  async function expectNothingRanSince(before: number, what: string): Promise<void> {
    const sentinel = await sign(kit.known(newId()));
    assertAnswer(await post(sentinel), kit.accepted, 'the sentinel delivery');
    const call = await probe.nthCall(app, before);
    assert.deepEqual(call.event, payloadOf(sentinel), `${what}: a function ran for it`);
    assert.equal(probe.count(app), before + 1, `${what}: a function ran for it`);
  }

  /** A valid delivery whose function has started and is held by the probe: its id, and the calls before it. */
  async function heldDelivery(): Promise<{ before: number; id: string }> {
    const before = probe.count(app);
    const id = newId();
    probe.plan(app, 'hold');
    assertAnswer(await post(await sign(kit.known(id))), kit.accepted, 'the first delivery');
    await probe.nthCall(app, before);
    return { before, id };
  }

  /** Moves the handlers' clock a minute past the processing limit; returns their "now". Undo with shiftClock(0). */
  async function pastProcessingLimit(): Promise<number> {
    const later = PROCESSING_LIMIT + 60_000;
    const shiftedNow = Date.now() + later;
    await host().shiftClock!(later);
    return shiftedNow;
  }

  describe(kit.provider, () => {
    it(`valid: answered ${kit.accepted.status} at once, then ${fn} gets the payload`, async () => {
      const before = probe.count(app);
      const signed = await sign(kit.known(newId()));
      assertAnswer(await post(signed), kit.accepted, 'a valid delivery');
      const call = await probe.nthCall(app, before);
      assert.equal(call.fn, fn);
      assert.deepEqual(call.event, payloadOf(signed));
    });

    it('answers before its function has finished', async () => {
      const before = probe.count(app);
      probe.plan(app, 'hold');
      const answer = await post(await sign(kit.known(newId())));
      // The function is still held by the probe here: the answer did not wait for it.
      assertAnswer(answer, kit.accepted, 'a delivery whose function is still running');
      await probe.nthCall(app, before);
      probe.release(app);
    });

    it(kit.provider === 'gitlab' ? 'forged: a wrong token gets 401 and runs nothing' : 'tampered: a body changed after signing gets 401 and runs nothing', async () => {
      const before = probe.count(app);
      const forged = kit.forge(await sign(kit.known(newId())));
      assert.equal((await post(forged)).status, 401);
      await expectNothingRanSince(before, 'a forged delivery');
    });

    if (kit.timestamped) {
      it('stale: signed 10 minutes ago, it gets 401 and runs nothing', async () => {
        const before = probe.count(app);
        assert.equal((await post(await sign(kit.known(newId()), Date.now() - TEN_MINUTES))).status, 401);
        await expectNothingRanSince(before, 'a stale delivery');
      });
    } else {
      it('stale: signs no time, so an old signature still verifies, and its replay is a duplicate', async () => {
        const before = probe.count(app);
        const old = await sign(kit.known(newId()), Date.now() - TEN_MINUTES);
        assertAnswer(await post(old), kit.accepted, 'an old delivery');
        await probe.nthCall(app, before);
        assertAnswer(await post(old), kit.duplicate, 'its replay');
        await expectNothingRanSince(before + 1, 'a replay');
      });
    }

    it('missing signature: 401, and nothing runs', async () => {
      const before = probe.count(app);
      const signed = await sign(kit.known(newId()));
      const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => !kit.signatureHeaders.includes(name)));
      assert.equal((await post({ ...signed, headers })).status, 401);
      await expectNothingRanSince(before, 'an unsigned delivery');
    });

    it('a body that does not parse, correctly signed: 400, and nothing runs', async () => {
      const before = probe.count(app);
      const answer = await post(await sign(kit.badBody(newId())));
      assert.equal(answer.status, 400, answer.body.toString());
      await expectNothingRanSince(before, 'an unparsable delivery');
    });

    it('duplicate: a redelivery of the same id is acknowledged and not run again', async () => {
      const before = probe.count(app);
      const id = newId();
      assertAnswer(await post(await sign(kit.known(id))), kit.accepted, 'the first delivery');
      await probe.nthCall(app, before);
      // Redelivered a second later, signed afresh, as providers retry.
      assertAnswer(await post(await sign(kit.known(id), Date.now() + 1000)), kit.duplicate, 'the redelivery');
      await expectNothingRanSince(before + 1, 'a redelivery');
    });

    it('duplicate while the first is still running: acknowledged, not run twice', async () => {
      const { before, id } = await heldDelivery();
      assertAnswer(await post(await sign(kit.known(id))), kit.duplicate, 'the redelivery while the first runs');
      probe.release(app);
      await expectNothingRanSince(before + 1, 'a concurrent redelivery');
    });

    if (framework !== 'nextjs') {
      it('a function still running after the processing limit is taken for hung: a redelivery runs it again', async () => {
        const { before, id } = await heldDelivery();
        const anHourOn = await pastProcessingLimit();
        const redelivery = await sign(kit.known(id), anHourOn);
        try {
          assertAnswer(await post(redelivery), kit.accepted, 'the redelivery an hour later');
        } finally {
          await host().shiftClock!(0);
          probe.release(app);
        }
        // The Python handlers run work on one worker thread: there the redelivery's run starts once the first has ended.
        assert.deepEqual((await probe.nthCall(app, before + 1)).event, payloadOf(redelivery), 'the redelivery ran the function again');
      });

      it("a hung function that fails once its redelivery is running leaves the redelivery's claim: a third delivery is a duplicate", async () => {
        const { before, id } = await heldDelivery();
        const anHourOn = await pastProcessingLimit();
        let firstHeld = true;
        let redeliveryHeld = false;
        try {
          probe.plan(app, 'hold');
          assertAnswer(await post(await sign(kit.known(id), anHourOn)), kit.accepted, 'the redelivery an hour later');
          const failure = probe.nextFailure();
          probe.release(app, 'throw');
          firstHeld = false;
          await host().logged(new RegExp(`Webhook handler failed[\\s\\S]{0,4000}?${failure}\\b`));
          await probe.nthCall(app, before + 1);
          redeliveryHeld = true;
          assertAnswer(await post(await sign(kit.known(id), anHourOn + 1000)), kit.duplicate, 'a third delivery while the redelivery runs');
        } finally {
          await host().shiftClock!(0);
          if (firstHeld) probe.release(app);
          if (redeliveryHeld) probe.release(app);
        }
        await expectNothingRanSince(before + 2, 'a third delivery');
      });
    }

    if (kit.unknown) {
      const unknown = kit.unknown;
      it(`an event nobody captured (${unknown.event}): acknowledged, logged, and no function runs`, async () => {
        const before = probe.count(app);
        const answer = await post(await sign(unknown.delivery(newId())));
        assert.ok(answer.status === 200 || answer.status === 204, answer.body.toString());
        const name = findProvider(kit.provider, kit.customProviders)!.name;
        await host().logged(new RegExp(`No handler for ${name} event ["']${escapeRegExp(unknown.event)}["']`));
        await expectNothingRanSince(before, 'an unknown event');
      });
    } else {
      it(`names no events: every delivery reaches ${fn}`, () => {
        assert.deepEqual(spec.eventSource, { kind: 'none' });
        assert.deepEqual(spec.events, []);
      });
    }

    it('a function that throws: the sender still got its 2xx, and the failure is logged', async () => {
      const before = probe.count(app);
      const failure = probe.nextFailure();
      probe.plan(app, 'throw');
      assertAnswer(await post(await sign(kit.known(newId()))), kit.accepted, 'a delivery whose function throws');
      await probe.nthCall(app, before);
      await host().logged(new RegExp(`Webhook handler failed[\\s\\S]{0,4000}?${failure}\\b`));
    });

    it('retry after a failure: the same delivery id runs again, then counts as done', async () => {
      const before = probe.count(app);
      const id = newId();
      const failure = probe.nextFailure();
      probe.plan(app, 'throw');
      assertAnswer(await post(await sign(kit.known(id))), kit.accepted, 'the failing delivery');
      await probe.nthCall(app, before);
      await host().logged(new RegExp(`Webhook handler failed[\\s\\S]{0,4000}?${failure}\\b`));
      const retry = await sign(kit.known(id), Date.now() + 1000);
      assertAnswer(await post(retry), kit.accepted, 'the redelivery after the failure');
      const again = await probe.nthCall(app, before + 1);
      assert.deepEqual(again.event, payloadOf(retry), 'the redelivery ran the function again');
      assertAnswer(await post(await sign(kit.known(id), Date.now() + 2000)), kit.duplicate, 'a third delivery, after success');
      await expectNothingRanSince(before + 2, 'a redelivery after success');
    });
  });
}
