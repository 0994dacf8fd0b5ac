import * as assert from 'node:assert/strict';
import { searchJson } from '../../../src/webview/model/jsonSearch';
import { TextQuery } from '../../../src/webview/model/textQuery';

const payload = {
  id: 'evt_1',
  type: 'invoice.paid',
  data: { object: { id: 'in_1', paid: true, lines: [{ id: 'il_1', amount: 1200 }, { id: 'il_2', amount: null }] } },
  'Paid-At': 1200,
};

describe('searchJson', () => {
  it('finds keys and primitive values in document order, case-insensitively', () => {
    const matches = searchJson(payload, new TextQuery('PAID'));
    assert.deepEqual(matches, [
      { path: ['type'], part: 'value' },
      { path: ['data', 'object', 'paid'], part: 'key' },
      { path: ['Paid-At'], part: 'key' },
    ]);
  });

  it('matches numbers, booleans and null by their text, and never array indexes', () => {
    assert.deepEqual(searchJson(payload, new TextQuery('1200')).map((m) => m.path), [['data', 'object', 'lines', 0, 'amount'], ['Paid-At']]);
    assert.deepEqual(searchJson(payload, new TextQuery('null')).map((m) => m.path), [['data', 'object', 'lines', 1, 'amount']]);
    assert.deepEqual(searchJson(payload, new TextQuery('true')).map((m) => m.path), [['data', 'object', 'paid']]);
    assert.deepEqual(searchJson([[1]], new TextQuery('0')), []);
  });

  it('treats the query literally and stops at the limit', () => {
    assert.deepEqual(searchJson({ 'a.b': 'x', ab: 'y' }, new TextQuery('a.b')), [{ path: ['a.b'], part: 'key' }]);
    assert.equal(searchJson(new Array(50).fill('hit'), new TextQuery('hit'), 10).length, 10);
  });

  it('searches a primitive root', () => {
    assert.deepEqual(searchJson('hello', new TextQuery('ell')), [{ path: [], part: 'value' }]);
  });
});

describe('TextQuery.ranges', () => {
  it('returns every occurrence, case-insensitively', () => {
    assert.deepEqual(new TextQuery('ab').ranges('xABabx'), [[1, 3], [3, 5]]);
    assert.deepEqual(new TextQuery('(').ranges('a(b('), [[1, 2], [3, 4]]);
  });
});
