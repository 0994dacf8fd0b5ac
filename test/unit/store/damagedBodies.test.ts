import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaptureStore, DEFAULT_RESPONSE, WebhookReceiver } from '../../../src/core';
import type { CaptureStoreOptions } from '../../../src/core';
import { send } from '../../support/httpClient';
import { recordingLogger } from '../../support/recordingLogger';
import { seededRandom } from '../../support/seededRandom';
import { bodyFiles, journalOf, journalRecords } from '../../support/storeFiles';
import { useTempFolder } from '../../support/tempFolder';

/** Each capture's id and the body it was received with. */
type Received = Map<string, string>;

/** One session of the extension: a store and a receiver, `count` real HTTP deliveries, then shut down. */
async function receiveSession(options: CaptureStoreOptions, count: number, label: string): Promise<Received> {
  const store = await CaptureStore.open(options);
  const receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024 * 1024, response: DEFAULT_RESPONSE });
  const { url } = await receiver.listen();
  const received: Received = new Map();
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify({ delivery: `${label}-${i}`, pad: 'x'.repeat(250 + (i % 7) * 10) });
    const res = await send(`${url}/hooks/${label}`, { headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 200);
  }
  for (const summary of store.list().slice(-count)) received.set(summary.id, Buffer.from((await store.readBody(summary.id))!).toString());
  await receiver.close();
  await store.close();
  return received;
}

/**
 * Opens the store again and reads every capture: each one shows its own body, or is marked damaged
 * and shows no more than the bytes of its own body that are left. Returns the ids marked damaged.
 */
async function checkNoWrongBodies(options: CaptureStoreOptions, received: Received): Promise<{ damaged: string[]; markedAtOpen: string[] }> {
  const store = await CaptureStore.open(options);
  const markedAtOpen = store.list().filter((s) => s.damaged).map((s) => s.id);
  const damaged: string[] = [];
  for (const [id, expected] of received) {
    const capture = await store.read(id);
    assert.ok(capture, `capture ${id} is listed`);
    const body = Buffer.from(capture.body).toString();
    if (capture.damaged) {
      damaged.push(id);
      assert.ok(expected.startsWith(body), `damaged capture ${id} shows only what is left of its own body, got ${body.slice(0, 60)}`);
    } else {
      assert.equal(body, expected, `capture ${id} shows its own body`);
    }
  }
  await store.close();
  return { damaged, markedAtOpen };
}

describe('CaptureStore with a damaged or missing body segment', () => {
  const folder = useTempFolder();
  const options = (): CaptureStoreOptions => ({ folder: folder(), retention: 10_000, segmentBytes: 4096 });

  const damages: Array<[string, (file: string) => void]> = [
    ['deleted', (file) => fs.rmSync(file)],
    ['cut short', (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))],
  ];
  for (const [what, damage] of damages) {
    it(`never shows another delivery's body after the newest segment was ${what}, and records the loss`, async () => {
      const before = await receiveSession(options(), 60, 'old');
      const segments = bodyFiles(folder());
      assert.ok(segments.length >= 4, `several segments (${segments.length})`);
      damage(path.join(folder(), segments[segments.length - 1]));

      const logger = recordingLogger();
      const store = await CaptureStore.open({ ...options(), logger });
      const damagedAtOpen = store.list().filter((s) => s.damaged);
      assert.ok(damagedAtOpen.length > 0, 'the captures in that segment are marked damaged when the store opens');
      assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 1, 'one summary warning');
      assert.match(logger.lines.find((l) => l.level === 'warn')!.message, new RegExp(`${damagedAtOpen.length} captures? whose body is missing or cut short`));
      await store.close();
      const recorded = journalRecords(folder()).filter((r) => r.k === 'dmg').map((r) => r.seq);
      assert.deepEqual(recorded, damagedAtOpen.map((s) => s.seq), 'the loss is written to the journal');

      const after = await receiveSession(options(), 50, 'new');
      const { damaged, markedAtOpen } = await checkNoWrongBodies(options(), new Map([...before, ...after]));
      assert.deepEqual(damaged, damagedAtOpen.map((s) => s.id), 'exactly the captures of the damaged segment are damaged');
      assert.deepEqual(markedAtOpen, damaged, 'and known as such as soon as the store opens');
      for (const id of after.keys()) assert.ok(!damaged.includes(id), 'new captures are intact');
    });
  }

  it('keeps the damage recorded even when a file of the right size appears where the deleted segment was', async () => {
    const received = await receiveSession(options(), 40, 'old');
    const newest = path.join(folder(), bodyFiles(folder()).at(-1)!);
    const size = fs.statSync(newest).size;
    fs.rmSync(newest);
    const store = await CaptureStore.open(options());
    const damaged = store.list().filter((s) => s.damaged).map((s) => s.id);
    await store.close();
    // Garbage of the same length: the sizes would now pass; only the recorded damage says otherwise.
    fs.writeFileSync(newest, Buffer.alloc(size, 'z'));
    const reopened = await CaptureStore.open(options());
    assert.deepEqual(reopened.list().filter((s) => s.damaged).map((s) => s.id), damaged);
    for (const [id, body] of received) {
      const capture = await reopened.read(id);
      if (damaged.includes(id)) assert.match(capture!.damaged!, /body file bodies-\d+\.bin is missing/, 'still said, whatever the bytes now are');
      else assert.equal(Buffer.from(capture!.body).toString(), body);
    }
    await reopened.close();
  });

  it('logs one summary warning, not one line per capture, when a segment of 420 captures is deleted', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000 });
    for (let i = 0; i < 420; i++) await store.append(deliveryWithBody(`{"n":${i}}`));
    await store.close();
    fs.rmSync(path.join(folder(), bodyFiles(folder())[0]));
    const logger = recordingLogger();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 10_000, logger });
    assert.deepEqual(logger.lines.map((l) => l.level), ['warn']);
    assert.match(logger.lines[0].message, /420 captures whose body is missing or cut short on disk are shown as damaged/);
    assert.equal(reopened.list().filter((s) => s.damaged).length, 420);
    assert.match(reopened.get(reopened.list()[0].id)!.damaged!, /Its body file bodies-000001\.bin is missing\./);
    await reopened.close();
  });

  it('marks a capture damaged, durably, when its body bytes changed on disk', async () => {
    const store = await CaptureStore.open(options());
    const random = seededRandom(7);
    const summaries = [];
    for (let i = 0; i < 20; i++) summaries.push(await store.append(deliveryWithBody(`{"n":${i},"text":"${'abc'.repeat(20)}"}`)));
    await store.close();
    const target = summaries[11];
    const segmentFile = path.join(folder(), bodyFiles(folder())[0]);
    // The 12th body is in the first 4 KiB segment; flip one of its bytes.
    const bytes = fs.readFileSync(segmentFile);
    const offset = bytes.indexOf('{"n":11,') + 10 + Math.floor(random() * 40);
    bytes[offset] ^= 0x20;
    fs.writeFileSync(segmentFile, bytes);

    const reopened = await CaptureStore.open(options());
    const updates: string[] = [];
    reopened.onDidUpdate((s) => s.damaged && updates.push(s.id));
    assert.equal(reopened.get(target.id)?.damaged, undefined, 'body checksums are checked when a body is read');
    const capture = await reopened.read(target.id);
    assert.equal(capture?.damaged, 'Its body fails its checksum: the bytes on disk changed after it was captured.');
    assert.deepEqual(updates, [target.id], 'listeners hear of it, so the tree can flag it');
    assert.equal((await reopened.read(summaries[10].id))?.damaged, undefined, 'its neighbours are intact');
    await reopened.close();
    const again = await CaptureStore.open(options());
    assert.match(again.get(target.id)?.damaged ?? '', /fails its checksum/, 'recorded in the journal');
    await again.close();
  });

  it('does not delete body files when the journal is missing, and gives new captures new ids', async () => {
    const received = await receiveSession(options(), 30, 'old');
    const segments = new Map(bodyFiles(folder()).map((f) => [f, fs.readFileSync(path.join(folder(), f))]));
    fs.rmSync(journalOf(folder()));
    const logger = recordingLogger();
    const store = await CaptureStore.open({ ...options(), logger });
    assert.equal(store.size, 0);
    assert.match(store.health.findings.join(' '), /journal \(journal\.jsonl\) is missing/);
    assert.match(store.health.findings.join(' '), /moved to unlisted-bodies-/);
    const [aside] = fs.readdirSync(folder()).filter((f) => f.startsWith('unlisted-bodies-'));
    for (const [name, content] of segments) assert.deepEqual(fs.readFileSync(path.join(folder(), aside, name)), content, `${name} is kept byte for byte`);
    const added = await store.append(deliveryWithBody('{"after":true}'));
    const lostIds = [...received.keys()];
    assert.ok(lostIds.every((id) => added.id > id), `the new id ${added.id} is above every lost one (up to ${lostIds.at(-1)})`);
    await store.close();
    const reopened = await CaptureStore.open({ ...options(), logger: recordingLogger() });
    assert.deepEqual(reopened.health.findings, [], 'reported once');
    assert.equal(Buffer.from((await reopened.readBody(added.id))!).toString(), '{"after":true}');
    await reopened.close();
    assert.equal(fs.readdirSync(path.join(folder(), aside)).length, segments.size, 'still kept');
  });
});

function deliveryWithBody(text: string) {
  return {
    method: 'POST', url: '/hooks', httpVersion: '1.1', rawHeaders: ['Content-Type', 'application/json'], remoteAddress: '127.0.0.1',
    receivedAt: Date.now(), readMs: 0.1, truncated: false, responseStatus: 200, body: Buffer.from(text),
  };
}
