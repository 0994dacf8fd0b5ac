import * as assert from 'node:assert/strict';
import { topLevelStringFields } from '../../../src/core/labels/topLevelFields';
import { seededRandom } from '../../support/seededRandom';

const WANTED = new Set(['type', 'action', 'event']);

function viaJsonParse(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const value = JSON.parse(text) as Record<string, unknown>;
  for (const key of WANTED) if (typeof value[key] === 'string') found.set(key, value[key]);
  return found;
}

function randomValue(next: () => number, depth: number): unknown {
  const strings = ['type', 'action', 'event', 'a"b', 'back\\slash', '{', '}', '[', ']', ',', ':', 'é✓', '\u2028', 'opened', ''];
  const pick = next();
  if (depth > 3 || pick < 0.3) return strings[Math.floor(next() * strings.length)];
  if (pick < 0.4) return Math.floor(next() * 1000) - 500;
  if (pick < 0.45) return null;
  if (pick < 0.5) return next() < 0.5;
  if (pick < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  return randomObject(next, depth + 1);
}

function randomObject(next: () => number, depth: number): Record<string, unknown> {
  const keys = ['type', 'action', 'event', 'data', 'x', 'a"b', 'ty\\pe', 'nested'];
  const object: Record<string, unknown> = {};
  const count = Math.floor(next() * 6);
  for (let i = 0; i < count; i++) object[keys[Math.floor(next() * keys.length)]] = randomValue(next, depth);
  return object;
}

describe('topLevelStringFields', () => {
  it('reads top-level string fields and ignores nested ones', () => {
    const json = Buffer.from('{"data":{"type":"inner","event":{"type":"deeper"}},"list":[{"type":"in-array"}],"type":"customer.created"}');
    assert.deepEqual(topLevelStringFields(json, WANTED), new Map([['type', 'customer.created']]));
  });

  it('decodes escapes and unicode in values', () => {
    const json = Buffer.from(JSON.stringify({ action: 'say "hi" \\ \u00e9\u2713', type: 'x' }));
    assert.equal(topLevelStringFields(json, WANTED).get('action'), 'say "hi" \\ \u00e9\u2713');
  });

  it('returns nothing for arrays, primitives and broken documents', () => {
    for (const text of ['[{"type":"a"}]', '"type"', '42', '', 'not json', '{"type":']) {
      assert.equal(topLevelStringFields(Buffer.from(text), WANTED).get('type'), undefined, text);
    }
  });

  it('agrees with JSON.parse on 2,000 generated documents', () => {
    const next = seededRandom(42);
    for (let i = 0; i < 2000; i++) {
      const text = JSON.stringify(randomObject(next, 0), null, next() < 0.3 ? 2 : undefined);
      assert.deepEqual(topLevelStringFields(Buffer.from(text), WANTED), viaJsonParse(text), text);
    }
  });
});
