import type { IncomingDelivery } from '../../src/core';

export function delivery(overrides: Partial<IncomingDelivery> = {}): IncomingDelivery {
  const body = overrides.body ?? Buffer.from('{"type":"customer.created","id":"evt_1"}');
  return {
    method: 'POST',
    url: '/hooks/stripe?x=1',
    httpVersion: '1.1',
    rawHeaders: ['Host', '127.0.0.1', 'Content-Type', 'application/json'],
    remoteAddress: '127.0.0.1',
    receivedAt: Date.now(),
    readMs: 0.4,
    truncated: false,
    responseStatus: 200,
    ...overrides,
    body,
  };
}
