import * as assert from 'node:assert/strict';
import { parseJsonPrefix } from '../../../src/webview/model/jsonPrefix';
import { seededRandom } from '../../support/seededRandom';

describe('parseJsonPrefix: the whole members of a JSON text cut anywhere', () => {
  it('keeps the members that arrived whole and names the containers still open', () => {
    const text = '{"object":"list","count":3,"data":[{"id":1,"tags":["a","b"]},{"id":2,"tags":["c"';
    assert.deepEqual(parseJsonPrefix(text), { value: { object: 'list', count: 3, data: [{ id: 1, tags: ['a', 'b'] }, { id: 2, tags: [] }] }, openPath: ['data', 1, 'tags'] });
  });

  it('drops a member whose value, key or string is cut', () => {
    assert.deepEqual(parseJsonPrefix('{"a":1,"b":12'), { value: { a: 1 }, openPath: [] });
    assert.deepEqual(parseJsonPrefix('{"a":1,"bee'), { value: { a: 1 }, openPath: [] });
    assert.deepEqual(parseJsonPrefix('{"a":1,"b":"x,}]\\"y'), { value: { a: 1 }, openPath: [] });
    assert.deepEqual(parseJsonPrefix('[true,fal'), { value: [true], openPath: [] });
    assert.deepEqual(parseJsonPrefix('  {'), { value: {}, openPath: [] });
  });

  it('reads brackets, commas and quotes inside strings and escaped keys as text', () => {
    const text = '{"k\\"ey,":"v]}{,\\\\","\\u00e9":[1,{"x":"\\"]"}],"z":';
    assert.deepEqual(parseJsonPrefix(text), { value: { 'k"ey,': 'v]}{,\\', é: [1, { x: '"]' }] }, openPath: [] });
  });

  it('follows the key as written, whatever order the object keeps its keys in', () => {
    assert.deepEqual(parseJsonPrefix('{"b":1,"2":{"c":[{"d":1},{"e":'), { value: { b: 1, 2: { c: [{ d: 1 }, {}] } }, openPath: ['2', 'c', 1] });
  });

  it('gives a whole text exactly as JSON.parse does, with no open container', () => {
    const text = '{"a":[1,2.5e3,null,true,"s"],"b":{"__proto__":{"x":1}}}  ';
    const prefix = parseJsonPrefix(text);
    assert.deepEqual(prefix, { value: JSON.parse(text), openPath: undefined });
    assert.ok(Object.hasOwn(prefix.value as object, 'b') && Object.hasOwn((prefix.value as { b: object }).b, '__proto__'));
  });

  it('has nothing for text that does not begin a JSON object or array', () => {
    for (const text of ['', '   ', '"a string"', '42', 'hello {', '{"a" 1,', '{"a":1,,', '[1 2,']) assert.equal(parseJsonPrefix(text), undefined, text);
  });

  it('agrees with JSON.parse of the whole text on every member it keeps, wherever the text is cut', () => {
    const random = seededRandom(7);
    const make = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return [1, -0.5, 'a"b\\c]', '{,}', null, false, 'é✓'][Math.floor(random() * 7)];
      if (r < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [['k', '1', 'q"', ']'][i], make(depth + 1)]));
    };
    for (let n = 0; n < 40; n++) {
      const whole = { data: make(0), tail: [make(1)] };
      const text = JSON.stringify(whole, null, n % 2 ? 1 : undefined);
      for (let cut = 1; cut <= text.length; cut++) {
        const prefix = parseJsonPrefix(text.slice(0, cut));
        assert.ok(prefix, `cut at ${cut} of ${text}`);
        assertWithin(prefix.value, whole, prefix.openPath, []);
        if (cut === text.length) assert.equal(prefix.openPath, undefined);
      }
    }
  });
});

/** Every container in `part` is the one in `whole` (equal when whole, its first members when open). */
function assertWithin(part: unknown, whole: unknown, openPath: Array<string | number> | undefined, path: Array<string | number>): void {
  const open = openPath !== undefined && path.length <= openPath.length && path.every((s, i) => s === openPath[i]);
  if (typeof part !== 'object' || part === null || !open) {
    assert.deepEqual(part, whole, `at ${JSON.stringify(path)}`);
    return;
  }
  const partKeys = Object.keys(part);
  assert.equal(Array.isArray(part), Array.isArray(whole));
  for (const key of partKeys) assert.ok(Object.hasOwn(whole as object, key), `${key} at ${JSON.stringify(path)}`);
  for (const key of partKeys) {
    const segment = Array.isArray(part) ? Number(key) : key;
    assertWithin((part as Record<string, unknown>)[key], (whole as Record<string, unknown>)[key], openPath, [...path, segment]);
  }
}
