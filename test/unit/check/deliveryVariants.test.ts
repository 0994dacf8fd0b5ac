import * as assert from 'node:assert/strict';
import { otherSecret, paddedBody, tamperBody, unparsableBody } from '../../../src/core/check/deliveryVariants';

describe('delivery variants', () => {
  it('tampers one character of a value, so the body still parses as before', () => {
    const body = Buffer.from('{"type":"push","n":1,"tags":["a"],"s":"\\"quoted\\" z9"}');
    const tampered = tamperBody(body, 'json');
    assert.equal(tampered.length, body.length);
    assert.equal([...tampered].filter((b, i) => b !== body[i]).length, 1, 'one byte differs');
    assert.deepEqual(Object.keys(JSON.parse(tampered.toString())), ['type', 'n', 'tags', 's'], 'keys untouched, still JSON');
    assert.equal(JSON.parse(tampered.toString()).type, 'qush');
    const form = tamperBody(Buffer.from('To=%2B1555&Body=Hello'), 'form');
    assert.equal(form.toString(), 'To=%2B2555&Body=Hello');
  });

  it('keeps a secret\u2019s shape: whsec_ prefix and base64 alphabet', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const other = otherSecret(secret);
    assert.notEqual(other, secret);
    assert.match(other, /^whsec_[A-Za-z0-9]{32}$/);
    assert.equal(otherSecret('---'), '---x');
  });

  it('pads a JSON object, a JSON array and form data to the exact size, still well-formed', () => {
    for (const [body, format] of [['{"a":1}', 'json'], ['[{"a":1}]', 'json'], ['[]', 'json'], ['{}', 'json'], ['a=1', 'form']] as const) {
      const padded = paddedBody(Buffer.from(body), format, 1000);
      assert.equal(padded.length, 1000, body);
      if (format === 'json') assert.doesNotThrow(() => JSON.parse(padded.toString()), body);
    }
    assert.throws(() => paddedBody(Buffer.from('{"a":1}'), 'json', 5), /smaller than the sample/);
  });

  it('cuts a JSON body short so it cannot parse', () => {
    for (const body of ['{"a":1,"b":[1,2,3]}', '[1]', '{}']) assert.throws(() => JSON.parse(unparsableBody(Buffer.from(body)).toString()), body);
  });
});
