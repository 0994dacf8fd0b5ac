import * as assert from 'node:assert/strict';
import { isLoopbackHost } from '../../../src/core';

describe('isLoopbackHost', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1', ' 127.0.0.1 '])
    it(`${JSON.stringify(host)} is loopback`, () => assert.equal(isLoopbackHost(host), true));
  for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1', 'localhost.example.com', ''])
    it(`${JSON.stringify(host)} is not`, () => assert.equal(isLoopbackHost(host), false));
});
