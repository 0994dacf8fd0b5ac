import * as assert from 'node:assert/strict';
import { parseFormFields, queryFields } from '../../../src/webview/model/formFields';

describe('form fields and query parameters', () => {
  it('decodes form bodies in order, keeping repeated names', () => {
    assert.deepEqual(parseFormFields('To=%2B15551234&Body=Hello+there%21&tag=a&tag=b&empty='), [
      ['To', '+15551234'], ['Body', 'Hello there!'], ['tag', 'a'], ['tag', 'b'], ['empty', ''],
    ]);
  });

  it('keeps malformed escapes as sent instead of failing', () => {
    assert.deepEqual(parseFormFields('a=%E0%A4%A&b=100%'), [['a', '\uFFFD%A'], ['b', '100%']]);
  });

  it('reads the query of a request target and ignores a fragment', () => {
    assert.deepEqual(queryFields('/hooks/x?a=1&a=2&name=J%C3%BCrgen#frag'), [['a', '1'], ['a', '2'], ['name', 'Jürgen']]);
    assert.deepEqual(queryFields('/hooks/x'), []);
    assert.deepEqual(queryFields('/hooks/x?'), []);
  });
});
