import * as assert from 'node:assert/strict';
import { formatJsonPath } from '../../../src/webview/model/jsonPath';

describe('formatJsonPath', () => {
  it('is $ for the root', () => {
    assert.equal(formatJsonPath([]), '$');
  });

  it('uses dot notation for identifier keys', () => {
    assert.equal(formatJsonPath(['data', 'object', 'id']), '$.data.object.id');
    assert.equal(formatJsonPath(['_private', '$ref', 'a1']), '$._private.$ref.a1');
  });

  it('uses brackets for indexes', () => {
    assert.equal(formatJsonPath(['items', 0, 'price']), '$.items[0].price');
    assert.equal(formatJsonPath([3, 12]), '$[3][12]');
  });

  it('uses quoted brackets for keys that are not identifiers, escaping quotes and backslashes', () => {
    assert.equal(formatJsonPath(['content-type']), '$["content-type"]');
    assert.equal(formatJsonPath(['1st', 'a b', '']), '$["1st"]["a b"][""]');
    assert.equal(formatJsonPath(['say "hi"\\']), '$["say \\"hi\\"\\\\"]');
    assert.equal(formatJsonPath(['0']), '$["0"]', 'a numeric-looking key is still a key');
  });
});
