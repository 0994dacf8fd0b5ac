import * as assert from 'node:assert/strict';
import { RefusalWarnings, refusalFor } from '../../../src/core/receiver/clientErrors';
import { recordingLogger } from '../../support/recordingLogger';

function parseError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error('Parse Error'), { code });
}

describe('refused requests', () => {
  it('get the status Node itself gives each parser error', () => {
    assert.equal(refusalFor(parseError('HPE_HEADER_OVERFLOW')).status, 431);
    assert.equal(refusalFor(parseError('HPE_CHUNK_EXTENSIONS_OVERFLOW')).status, 413);
    assert.equal(refusalFor(parseError('ERR_HTTP_REQUEST_TIMEOUT')).status, 408);
    assert.equal(refusalFor(parseError('HPE_INVALID_METHOD')).status, 400);
  });

  it('are warned about once per interval and status; the next warning counts the quiet ones', () => {
    const logger = recordingLogger();
    let now = 1_000_000;
    const warnings = new RefusalWarnings(logger, () => now, 60_000);
    const tooLarge = refusalFor(parseError('HPE_HEADER_OVERFLOW'));
    const malformed = refusalFor(parseError('HPE_INVALID_METHOD'));
    warnings.note(tooLarge, '10.0.0.1');
    now += 59_999;
    warnings.note(tooLarge, '10.0.0.1');
    warnings.note(tooLarge, '10.0.0.2');
    warnings.note(malformed, '10.0.0.3');
    now += 1;
    warnings.note(tooLarge, '10.0.0.4');
    const warned = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    assert.deepEqual(warned, [
      'Refused a request from 10.0.0.1 with 431 Request Header Fields Too Large: its headers or URL were larger than the HTTP parser allows (16 KiB by default).',
      'Refused a request from 10.0.0.3 with 400 Bad Request: it was not valid HTTP (HPE_INVALID_METHOD).',
      'Refused a request from 10.0.0.4 with 431 Request Header Fields Too Large: its headers or URL were larger than the HTTP parser allows (16 KiB by default) (2 more refused the same way since the last warning).',
    ]);
    assert.equal(logger.lines.filter((l) => l.level === 'debug').length, 2, 'the quiet ones still reach the debug log');
  });
});
