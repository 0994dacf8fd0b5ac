import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { DEFAULT_RESPONSE, parseResponseRules } from '../../../src/core';
import type { ResponseRule } from '../../../src/core';
import { send } from '../../support/httpClient';
import { nextEvent } from '../../support/nextEvent';
import { useReceiver } from '../../support/receiverFixture';

describe('response rules', () => {
  describe('parseResponseRules', () => {
    it('keeps valid rules in order and reports nothing', () => {
      const input = [
        { path: '/stripe/**', method: 'post', status: 400, headers: { 'x-a': '1' }, body: 'no', delayMs: 10 },
        { path: '/**', status: 204 },
      ];
      assert.deepEqual(parseResponseRules(input), { rules: input, problems: [] });
    });

    it('treats a missing setting as no rules', () => {
      assert.deepEqual(parseResponseRules(undefined), { rules: [], problems: [] });
    });

    it('refuses something that is not a list', () => {
      const { rules, problems } = parseResponseRules({ path: '/x', status: 200 });
      assert.deepEqual(rules, []);
      assert.deepEqual(problems, ['Response rules must be a list of rules (got an object).']);
    });

    const invalid: Array<[what: string, rule: unknown, message: RegExp]> = [
      ['a rule that is not an object', 'oops', /^Rule 1: must be an object with at least "path" and "status" \(got "oops"\)\. The rule is not used\.$/],
      ['a missing path', { status: 200 }, /^Rule 1: "path" must be a string such as "\/stripe\/\*\*" \(got nothing\)/],
      ['a path without a leading slash', { path: 'stripe/**', status: 200 }, /^Rule 1 \(stripe\/\*\*\): "path" must start with "\/"/],
      ['"**" inside a segment', { path: '/a**', status: 200 }, /"\*\*" must be a whole segment \(got "a\*\*"\)/],
      ['a query in the path', { path: '/a?b=1', status: 200 }, /must not contain a query string/],
      ['a method that is not a token', { path: '/a', method: 'GET POST', status: 200 }, /"method" must be an HTTP method such as "POST" \(got "GET POST"\)/],
      ['a missing status', { path: '/a' }, /"status" must be a whole number from 200 to 599 \(got nothing\)/],
      ['a status as text', { path: '/a', status: '200' }, /"status" must be a whole number from 200 to 599 \(got "200"\)/],
      ['a 1xx status', { path: '/a', status: 101 }, /1xx cannot end an exchange/],
      ['a status over 599', { path: '/a', status: 600 }, /got 600/],
      ['a fractional status', { path: '/a', status: 200.5 }, /got 200\.5/],
      ['headers that are a list', { path: '/a', status: 200, headers: [] }, /"headers" must be an object of header names to strings \(got a list\)/],
      ['a bad header name', { path: '/a', status: 200, headers: { 'bad name': 'x' } }, /header name "bad name" is not a valid HTTP header name/],
      ['a header value that is a number', { path: '/a', status: 200, headers: { 'x-n': 1 } }, /header "x-n" must be a string \(got 1\)/],
      ['a header value with a line break', { path: '/a', status: 200, headers: { 'x-n': 'a\r\nset-cookie: x' } }, /header "x-n" contains a line break or control character/],
      ['a body that is an object', { path: '/a', status: 200, body: { a: 1 } }, /"body" must be a string \(got an object\); write JSON as text/],
      ['a negative delay', { path: '/a', status: 200, delayMs: -1 }, /"delayMs" must be a whole number of milliseconds from 0 to 30000 \(got -1\)/],
      ['a delay over 30 s', { path: '/a', status: 200, delayMs: 30_001 }, /got 30001/],
    ];
    for (const [what, rule, message] of invalid) {
      it(`leaves out and explains ${what}`, () => {
        const { rules, problems } = parseResponseRules([rule, { path: '/ok', status: 200 }]);
        assert.deepEqual(rules, [{ path: '/ok', status: 200 }]);
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.match(problems[0], message);
        assert.match(problems[0], /The rule is not used\.$/);
      });
    }

    it('reports every problem of a rule, each naming it', () => {
      const { problems } = parseResponseRules([{ path: '/x' }, { path: 'y', status: 'no', delayMs: 'soon' }]);
      assert.equal(problems.length, 4);
      assert.match(problems[0], /^Rule 1 \(\/x\): "status"/);
      assert.ok(problems.slice(1).every((p) => p.startsWith('Rule 2 (y): ')));
    });

    it('keeps a rule with an unknown key and reports the key as a likely typo', () => {
      const { rules, problems } = parseResponseRules([{ path: '/a', status: 202, delay: 500 }]);
      assert.deepEqual(rules, [{ path: '/a', status: 202 }]);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^Rule 1 \(\/a\): unknown key "delay" \(known: "path", "method", "status", "headers", "body", "delayMs"\)\. The key is ignored\.$/);
    });
  });

  describe('answering over HTTP', () => {
    const fixture = useReceiver();
    const rules: ResponseRule[] = [
      { path: '/stripe/*', method: 'POST', status: 400, headers: { 'x-rule': 'stripe-post' }, body: '{"error":"declined"}' },
      { path: '/stripe/**', status: 202, headers: { 'content-type': 'text/plain', 'x-rule': 'stripe-any' }, body: 'queued' },
      { path: '/**/health', status: 204 },
      { path: '/files/*.xml', status: 200, body: '<ok/>' },
    ];

    it('answers with the first rule whose path and method match', async () => {
      const base = await fixture.start({ rules });
      const post = await send(`${base}/stripe/events?attempt=2`, { body: '{}' });
      assert.equal(post.status, 400);
      assert.equal(post.headers['x-rule'], 'stripe-post');
      assert.equal(post.headers['content-type'], 'application/json', 'a JSON body without a content-type is labelled JSON');
      assert.equal(post.body.toString(), '{"error":"declined"}');

      const put = await send(`${base}/stripe/events`, { method: 'PUT', body: '{}' });
      assert.equal(put.status, 202, 'the method-bound rule is skipped for PUT');
      assert.equal(put.headers['x-rule'], 'stripe-any');
      assert.equal(put.body.toString(), 'queued');

      const deep = await send(`${base}/stripe/a/b`, { body: '{}' });
      assert.equal(deep.status, 202, "'*' is one segment, '**' any number");
      const bare = await send(`${base}/stripe`, { body: '{}' });
      assert.equal(bare.status, 202, "'/stripe/**' covers '/stripe' itself");

      const health = await send(`${base}/a/b/health`, { method: 'GET' });
      assert.equal(health.status, 204);
      assert.equal(health.body.length, 0);

      const xml = await send(`${base}/files/report.xml`, { body: 'x' });
      assert.equal(xml.headers['content-type'], 'text/plain; charset=utf-8', 'a body that is not JSON is labelled plain text');
      assert.equal(xml.body.toString(), '<ok/>');
    });

    it('answers with the default response when no rule matches', async () => {
      const base = await fixture.start({ rules });
      const res = await send(`${base}/github/push`, { body: '{}' });
      assert.equal(res.status, DEFAULT_RESPONSE.status);
      assert.equal(res.body.toString(), DEFAULT_RESPONSE.body);
      assert.equal(res.headers['content-type'], 'application/json');
    });

    it('matches the method in any letter case', async () => {
      const base = await fixture.start({ rules: [{ path: '/m', method: 'delete', status: 410 }] });
      assert.equal((await send(`${base}/m`, { method: 'DELETE' })).status, 410);
      assert.equal((await send(`${base}/m`, { method: 'POST', body: '' })).status, 200);
    });

    it('records the status each capture was answered with', async () => {
      const base = await fixture.start({ rules });
      await send(`${base}/stripe/x`, { body: '{}' });
      await send(`${base}/other`, { body: '{}' });
      assert.deepEqual(fixture.store().list().map((s) => [s.url, s.responseStatus]), [['/stripe/x', 400], ['/other', 200]]);
    });

    it("honours a rule's delay, and the capture is on disk before the answer", async () => {
      const base = await fixture.start({ rules: [{ path: '/slow', status: 201, delayMs: 400 }] });
      const started = Date.now();
      let answered = false;
      const stored = nextEvent(fixture.store().onDidAdd);
      const slow = send(`${base}/slow`, { body: '{}' }).then((res) => {
        answered = true;
        return res;
      });
      await stored;
      assert.equal(answered, false, 'stored before the answer went out');
      const res = await slow;
      assert.equal(res.status, 201);
      assert.ok(Date.now() - started >= 380, `answered after ${Date.now() - started} ms`);
    });

    it('delays only the routes whose rule says so', async () => {
      const base = await fixture.start({ rules: [{ path: '/slow', status: 201, delayMs: 30_000 }] });
      const stored = nextEvent(fixture.store().onDidAdd);
      let slowSettled = false;
      const slow = send(`${base}/slow`, { body: '{}' })
        .then(() => 'answered', () => 'cut off')
        .finally(() => (slowSettled = true));
      await stored;
      assert.equal((await send(`${base}/fast`, { body: '{}' })).status, 200);
      assert.equal(slowSettled, false, 'the other route was answered while the slow one still waits');
      await fixture.receiver().close();
      assert.equal(await slow, 'cut off');
    });

    it('applies new rules live and keeps them across other option updates', async () => {
      const base = await fixture.start();
      assert.equal((await send(`${base}/x`, { body: '' })).status, 200);
      fixture.receiver().updateOptions({ rules: [{ path: '/x', status: 409 }] });
      assert.equal((await send(`${base}/x`, { body: '' })).status, 409);
      fixture.receiver().updateOptions({ response: { ...DEFAULT_RESPONSE, status: 202 } });
      assert.equal((await send(`${base}/x`, { body: '' })).status, 409, 'a response update keeps the rules');
      assert.equal((await send(`${base}/y`, { body: '' })).status, 202);
      fixture.receiver().updateOptions({ rules: [] });
      assert.equal((await send(`${base}/x`, { body: '' })).status, 202);
    });

    it('close() cancels an answer still waiting for its delay', async () => {
      const base = await fixture.start({ rules: [{ path: '/**', status: 200, delayMs: 20_000 }] });
      const stored = nextEvent(fixture.store().onDidAdd);
      const pending = send(`${base}/wait`, { body: '{}' }).then(
        () => 'answered',
        () => 'cut off',
      );
      await stored;
      // Without the cancellation the answer would come after 20 s, past the test's timeout.
      await fixture.receiver().close();
      assert.equal(await pending, 'cut off');
    });

    it('answers 500 instead of crashing when a rule given without validation has a header Node refuses', async () => {
      const base = await fixture.start({ rules: [{ path: '/**', status: 200, headers: { 'x-bad': 'a\u0000b' } }] });
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http.request(`${base}/x`, { method: 'POST' }, resolve).on('error', reject).end('{}');
      });
      assert.equal(res.statusCode, 500);
      res.resume();
    });
  });
});

