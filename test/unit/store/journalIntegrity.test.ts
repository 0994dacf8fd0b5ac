import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaptureStore } from '../../../src/core';
import type { CaptureSummary } from '../../../src/core';
import { delivery } from '../../support/deliveries';
import { recordingLogger } from '../../support/recordingLogger';
import { seededRandom } from '../../support/seededRandom';
import { journalLines, journalOf, journalRecords } from '../../support/storeFiles';
import { useTempFolder } from '../../support/tempFolder';

interface Expected {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
  responseStatus: number;
  receivedAt: number;
  event?: string;
  deliveryId?: string;
}

const FIXTURE = path.join(__dirname, '..', '..', '..', '..', 'test', 'unit', 'store', 'fixtures', 'before-checksums');

async function fillStore(folder: string, count: number): Promise<Map<string, Expected>> {
  const store = await CaptureStore.open({ folder, retention: 10_000 });
  const expected = new Map<string, Expected>();
  for (let i = 0; i < count; i++) {
    const d = delivery({
      method: i % 3 ? 'POST' : 'PUT',
      url: `/hooks/route-${i % 5}?attempt=${i}`,
      rawHeaders: ['Host', '127.0.0.1:7878', 'Content-Type', 'application/json', 'X-GitHub-Event', 'push', 'X-GitHub-Delivery', `delivery-${i}`],
      body: Buffer.from(JSON.stringify({ n: i, note: `body number ${i}` })),
      receivedAt: 1_700_000_000_000 + i * 1000,
      responseStatus: 200 + (i % 3),
      event: 'push',
      provider: 'github',
      deliveryId: `delivery-${i}`,
    });
    const summary = await store.append(d);
    expected.set(summary.id, {
      method: d.method, url: d.url, rawHeaders: d.rawHeaders, body: Buffer.from(d.body).toString(), responseStatus: d.responseStatus,
      receivedAt: d.receivedAt, event: d.event, deliveryId: d.deliveryId,
    });
  }
  await store.close();
  return expected;
}

/** What a capture reads back as, in the shape of Expected. */
async function readBack(store: CaptureStore, id: string): Promise<(Expected & { damaged?: string }) | undefined> {
  const capture = await store.read(id);
  if (!capture) return undefined;
  const seen: Expected & { damaged?: string } = {
    method: capture.method, url: capture.url, rawHeaders: capture.rawHeaders, body: Buffer.from(capture.body).toString(),
    responseStatus: capture.responseStatus, receivedAt: capture.receivedAt, event: capture.event, deliveryId: capture.deliveryId,
  };
  if (capture.damaged) seen.damaged = capture.damaged;
  return seen;
}

/** Replaces one byte of the file with a different random value, as a failing disk might. */
function flipByte(file: string, offset: number, random: () => number): void {
  const bytes = fs.readFileSync(file);
  const old = bytes[offset];
  let value = old;
  while (value === old) value = Math.floor(random() * 256);
  bytes[offset] = value;
  fs.writeFileSync(file, bytes);
}

describe('CaptureStore journal integrity', () => {
  const folder = useTempFolder();

  for (const seed of [1, 2, 3]) {
    it(`never shows a capture as intact when random bytes in the middle of its journal flipped (seed ${seed})`, async () => {
      const expected = await fillStore(folder(), 60);
      const random = seededRandom(seed);
      const lines = journalLines(folder());
      const starts: number[] = [];
      let offset = 0;
      for (const line of lines) {
        starts.push(offset);
        offset += Buffer.byteLength(line) + 1;
      }
      // 36 distinct lines in the middle, one flipped byte each (anywhere in the line but its newline).
      const candidates = Array.from({ length: lines.length - 10 }, (_, i) => i + 5);
      const chosen: number[] = [];
      while (chosen.length < 36) chosen.push(...candidates.splice(Math.floor(random() * candidates.length), 1));
      for (const index of chosen) flipByte(journalOf(folder()), starts[index] + Math.floor(random() * Buffer.byteLength(lines[index])), random);

      const logger = recordingLogger();
      const store = await CaptureStore.open({ folder: folder(), retention: 10_000, logger });
      let intact = 0;
      let flagged = 0;
      let lost = 0;
      for (const [id, want] of expected) {
        const seen = await readBack(store, id);
        if (!seen) lost += 1;
        else if (seen.damaged) flagged += 1;
        else {
          assert.deepEqual(seen, want, `capture ${id} is shown as intact, so it must be exactly what was received`);
          intact += 1;
        }
      }
      await store.close();
      assert.equal(intact + flagged + lost, 60);
      // A flip inside a line's checksum field itself leaves its record intact: read as unchecked.
      assert.ok(intact >= 24, `the 24 lines nobody touched read back intact (${intact} intact)`);
      assert.ok(flagged + lost >= 30, `the damaged lines are flagged or reported lost (${flagged} flagged, ${lost} lost)`);
      assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 1, 'one summary warning');
      assert.match(logger.lines.find((l) => l.level === 'warn')!.message, /journal record fails its checksum|could not be read/);
    });
  }

  it('keeps a capture whose record is damaged marked as such through a compaction, and reports it only once', async () => {
    const expected = await fillStore(folder(), 30);
    const [victimId] = [...expected.keys()].slice(10, 11);
    // A letter of the URL changed: the line still parses, only its checksum says it is wrong.
    const text = fs.readFileSync(journalOf(folder()), 'utf8');
    const at = text.indexOf(`?attempt=10"`);
    fs.writeFileSync(journalOf(folder()), text.slice(0, at) + '?attempT=10"' + text.slice(at + 12));

    const logger = recordingLogger();
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000, logger, compactAfterDeadLines: 10 });
    const damaged = store.get(victimId);
    assert.equal(damaged?.url, '/hooks/route-0?attempT=10', 'shown with what the line says');
    assert.match(damaged?.damaged ?? '', /journal record fails its checksum/);
    assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 1);
    await store.delete([...expected.keys()].filter((id) => id !== victimId).slice(0, 25));
    assert.ok(journalRecords(folder()).some((r) => r.k === 'mark'), 'the journal was compacted');
    await store.close();

    const quiet = recordingLogger();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 10_000, logger: quiet });
    assert.match(reopened.get(victimId)?.damaged ?? '', /journal record fails its checksum/, 'not blessed with a fresh checksum by the rewrite');
    assert.deepEqual(quiet.lines.filter((l) => l.level === 'warn'), [], 'already reported');
    assert.equal(reopened.size, 5);
    await reopened.close();
  });

  it('does not give the ids of captures lost with the end of the journal to new captures', async () => {
    const expected = await fillStore(folder(), 12);
    const lines = journalLines(folder());
    // The last three lines garbled beyond reading (their newlines kept).
    const garbled = [...lines.slice(0, -3), ...lines.slice(-3).map((l) => 'Z'.repeat(l.length))];
    fs.writeFileSync(journalOf(folder()), garbled.join('\n') + '\n');
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000, logger: recordingLogger() });
    assert.equal(store.size, 9);
    const added = await store.append(delivery());
    const lost = [...expected.keys()].slice(-3);
    assert.ok(lost.every((id) => added.id > id), `new id ${added.id} is above the lost ${lost.join(', ')}`);
    await store.close();
  });

  it('reads lines an older version appended after checked ones, and gives them checksums', async () => {
    await fillStore(folder(), 3);
    // What an older version writes: the record's JSON alone. It reads this version's lines as well
    // (the checksum is one more JSON field to it), so switching back and forth loses nothing.
    const older = { k: 'add', seq: 4, at: 1, m: 'POST', u: '/from-an-older-version', v: '1.1', h: [], ra: '', rm: 0, tr: false, st: 200, seg: 1, off: 0, len: 0 };
    fs.appendFileSync(journalOf(folder()), `${JSON.stringify(older)}\n`);
    for (const line of journalLines(folder()).slice(0, 3)) assert.doesNotThrow(() => JSON.parse(line), 'every line is plain JSON');
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000, logger: recordingLogger() });
    assert.deepEqual(store.list().map((s) => s.url).slice(-2), ['/hooks/route-2?attempt=2', '/from-an-older-version']);
    assert.deepEqual(store.health.findings, []);
    await store.close();
    assert.match(journalLines(folder()).at(-1)!, /"u":"\/from-an-older-version".*,"c":"[0-9a-f]{8}"\}$/);
  });

  describe('a store written before checksums', () => {
    it('reads it as before, then gives its lines checksums', async () => {
      for (const file of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, file), path.join(folder(), file));
      assert.ok(journalLines(folder()).every((l) => !l.includes('"c":')), 'the fixture has no checksums');
      const logger = recordingLogger();
      const store = await CaptureStore.open({ folder: folder(), retention: 100, logger });
      assert.deepEqual(logger.lines.filter((l) => l.level !== 'debug').map((l) => l.level), ['info']);
      assert.match(logger.lines.find((l) => l.level === 'info')!.message, /Gave checksums to 7 journal line\(s\) written by an earlier version; their bodies stay unchecked/);
      const summaries = store.list();
      assert.deepEqual(summaries.map((s: CaptureSummary) => [s.id, s.method, s.url, s.responseStatus, s.event, s.damaged]), [
        ['0000000001', 'POST', '/hooks/github?x=1', 200, 'issues.opened', undefined],
        ['0000000002', 'PUT', '/bin', 500, undefined, undefined],
        ['0000000004', 'POST', '/hooks/github?x=1', 200, 'issues.opened', undefined],
      ]);
      assert.equal(store.duplicateOf('0000000004'), '0000000001');
      assert.deepEqual(Buffer.from((await store.readBody('0000000002'))!), Buffer.from([0, 255, 1, 128, 10, 13]));
      assert.deepEqual((await store.read('0000000001'))?.rawHeaders.slice(-2), ['X-GitHub-Delivery', 'abc-1']);
      assert.equal((await store.readForwardResult('0000000001'))?.latencyMs, 4);
      assert.ok(journalLines(folder()).every((l) => /^\{.*,"c":"[0-9a-f]{8}"\}$/.test(l)), 'every line now has its checksum');
      const next = await store.append(delivery());
      assert.equal(next.id, '0000000005');
      await store.close();

      // From now on damage to those lines is caught like any other.
      const text = fs.readFileSync(journalOf(folder()), 'utf8');
      fs.writeFileSync(journalOf(folder()), text.replace('"u":"/bin"', '"u":"/bix"'));
      const reopened = await CaptureStore.open({ folder: folder(), retention: 100, logger: recordingLogger() });
      assert.match(reopened.get('0000000002')?.damaged ?? '', /journal record fails its checksum/);
      assert.equal(reopened.get('0000000001')?.damaged, undefined);
      await reopened.close();
    });
  });
});
