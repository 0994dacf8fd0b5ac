import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import localtunnel = require('localtunnel');
import { send } from '../../support/httpClient';
import { LocaltunnelServer } from '../../support/localtunnelServer';
import { noKeepAlive, startTargetServer } from '../../support/tunnelTestKit';

// The unmodified client, end to end, with the axios that package.json's override gives it.
describe('localtunnel client with the overridden axios', () => {
  it('loads the patched axios, not the 0.21.4 it pins', () => {
    const clientFolder = path.dirname(require.resolve('localtunnel/package.json'));
    const { version } = JSON.parse(fs.readFileSync(require.resolve('axios/package.json', { paths: [clientFolder] }), 'utf8')) as { version: string };
    assert.equal(version, '1.21.1');
  });

  it('opens a tunnel through its own handshake and carries a request', async () => {
    const server = await LocaltunnelServer.start();
    const target = await startTargetServer();
    const tunnel = await localtunnel({ port: target.port, local_host: '127.0.0.1', host: server.url });
    tunnel.on('error', () => undefined);
    try {
      assert.deepEqual(server.handshakes, ['/?new']);
      assert.match(tunnel.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await send(`${tunnel.url}/hooks`, { body: '{"via":"stock client"}', agent: noKeepAlive });
      assert.equal(res.status, 201);
      assert.equal(target.received[0].body.toString(), '{"via":"stock client"}');
    } finally {
      tunnel.close();
      await server.close();
      await target.close();
    }
  });
});
