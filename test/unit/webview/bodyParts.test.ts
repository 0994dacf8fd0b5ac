import * as assert from 'node:assert/strict';
import { BODY_PART_BYTES, bodyInParts, FIRST_PART_BYTES, PARTED_BODY_BYTES } from '../../../src/host/panels/bodyParts';
import { BodyAssembly } from '../../../src/webview/model/bodyAssembly';
import type { HostMessage } from '../../../src/shared/protocol';
import { isHostMessage } from '../../../src/shared/protocol';
import { seededRandom } from '../../support/seededRandom';

function randomBytes(length: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** What the view does with the messages: the first part from showCapture, then every bodyPart in order. */
function reassemble(captureId: string, head: Uint8Array, size: number, parts: HostMessage[]): Uint8Array | undefined {
  const assembly = new BodyAssembly(captureId, head, size);
  let whole: Uint8Array | undefined;
  for (const part of parts) {
    assert.ok(part.type === 'bodyPart' && part.captureId === captureId);
    assert.equal(whole, undefined, 'nothing after the last part');
    whole = assembly.add(part.offset, part.bytes);
  }
  return whole;
}

describe('a large body sent to the payload view in parts', () => {
  it('leaves a body up to the limit whole, in one message', () => {
    const { body, parts } = bodyInParts('c1', randomBytes(PARTED_BODY_BYTES, 1));
    assert.equal(body.encoding, 'bytes');
    assert.deepEqual(parts, []);
  });

  for (const size of [PARTED_BODY_BYTES + 1, FIRST_PART_BYTES + BODY_PART_BYTES, FIRST_PART_BYTES + 3 * BODY_PART_BYTES + 17, 5 * 1024 * 1024]) {
    it(`puts a ${size}-byte body back together byte for byte, from parts in buffers of their own`, () => {
      // A body inside a larger buffer, as a Buffer from a pool would be: no part may carry the rest.
      const backing = randomBytes(size + 64, size);
      const original = backing.subarray(32, 32 + size);
      const { body, parts } = bodyInParts('c1', original);
      assert.ok(body.encoding === 'head');
      assert.equal(body.size, size);
      assert.equal(body.bytes.length, FIRST_PART_BYTES);
      assert.equal(parts.length, Math.ceil((size - FIRST_PART_BYTES) / BODY_PART_BYTES));
      const sent: Uint8Array[] = [body.bytes, ...parts.map((part) => (part.type === 'bodyPart' ? part.bytes : new Uint8Array(0)))];
      for (const bytes of sent) {
        assert.equal(bytes.byteOffset, 0);
        assert.equal(bytes.byteLength, bytes.buffer.byteLength);
        assert.equal(Object.getPrototypeOf(bytes), Uint8Array.prototype, 'a plain Uint8Array, not a Buffer');
      }
      for (const part of parts) assert.ok(isHostMessage(part));
      const whole = reassemble('c1', body.bytes, body.size, parts);
      assert.ok(whole);
      assert.ok(Buffer.from(whole).equals(original));
    });
  }

  it('refuses a part out of place, and one that runs past the size', () => {
    const assembly = new BodyAssembly('c1', new Uint8Array(4), 10);
    assert.throws(() => assembly.add(5, new Uint8Array(2)), /came at byte 5, expected at 4/);
    assert.throws(() => assembly.add(4, new Uint8Array(7)), /ends at byte 11, past its size 10/);
    assert.equal(assembly.add(4, new Uint8Array(3)), undefined);
    assert.equal(assembly.receivedBytes, 7);
    assert.deepEqual(assembly.add(7, Uint8Array.of(1, 2, 3)), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1, 2, 3));
  });

  it('checks the parts and the first part as it checks every host message', () => {
    assert.ok(!isHostMessage({ type: 'bodyPart', captureId: 'c1', offset: -1, bytes: new Uint8Array(1) }));
    assert.ok(!isHostMessage({ type: 'bodyPart', captureId: 'c1', offset: 0, bytes: [1] }));
    assert.ok(!isHostMessage({ type: 'bodyPart', captureId: 'c1', offset: 0, bytes: new Uint8Array(0) }));
    const { body } = bodyInParts('c1', randomBytes(PARTED_BODY_BYTES + 1, 2));
    assert.ok(body.encoding === 'head');
    assert.ok(!isHostMessage({ type: 'showCapture', capture: { body: { ...body, size: body.bytes.length } } }));
  });
});
