import * as assert from 'node:assert/strict';
import { CaptureStore, componentLogger, DEFAULT_RESPONSE, WebhookReceiver } from '../../src/core';
import { rawExchange } from '../support/httpClient';
import { recordingLogger } from '../support/recordingLogger';
import { useTempFolder } from '../support/tempFolder';

describe('component loggers', () => {
  const folder = useTempFolder();

  it('tag every level with their component', () => {
    const sink = recordingLogger();
    const tunnel = componentLogger(sink).child('tunnel');
    tunnel.trace('t');
    tunnel.debug('d');
    tunnel.info('i');
    tunnel.warn('w');
    tunnel.error('e');
    assert.deepEqual(
      sink.lines.map((l) => `${l.level} ${l.message}`),
      ['trace [tunnel] t', 'debug [tunnel] d', 'info [tunnel] i', 'warn [tunnel] w', 'error [tunnel] e'],
    );
    assert.equal(tunnel.component, 'tunnel');
  });

  it('keep the root untagged and nest children', () => {
    const sink = recordingLogger();
    const root = componentLogger(sink);
    root.info('ready');
    root.child('tunnel').child('socket').warn('closed');
    assert.deepEqual(sink.lines.map((l) => l.message), ['ready', '[tunnel/socket] closed']);
  });

  it('tag an Error with its stack, so the line still says where it failed', () => {
    const sink = recordingLogger();
    componentLogger(sink).child('store').error(new Error('disk full'));
    assert.match(sink.lines[0].message, /^\[store\] Error: disk full\n\s+at /);
  });

  it('tell interleaved lines of two parts apart: the listener refusing a request and the store opening', async () => {
    const sink = recordingLogger();
    const root = componentLogger(sink);
    const store = await CaptureStore.open({ folder: folder(), retention: 10, logger: root.child('store') });
    const receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024, response: DEFAULT_RESPONSE }, root.child('listener'));
    try {
      const { port } = await receiver.listen();
      await rawExchange(port, ['HELLO THERE\r\n\r\n']);
      const refusal = sink.lines.find((l) => l.level === 'warn' && l.message.includes('Refused a request'));
      assert.ok(refusal, 'the refusal was logged');
      assert.match(refusal.message, /^\[listener\] Refused a request from /);
      assert.ok(sink.lines.every((l) => /^\[(listener|store)\] /.test(l.message)), sink.lines.map((l) => l.message).join('\n'));
    } finally {
      await receiver.close();
      await store.close();
    }
  });
});
