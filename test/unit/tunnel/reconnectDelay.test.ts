import * as assert from 'node:assert/strict';
import { reconnectDelay } from '../../../src/core';

describe('reconnectDelay', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000 };

  it('doubles per attempt up to the cap, between half and all of it', () => {
    const lowest = [1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelay(attempt, options, () => 0));
    const highest = [1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelay(attempt, options, () => 1));
    assert.deepEqual(lowest, [50, 100, 200, 400, 500, 500]);
    assert.deepEqual(highest, [100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(3, options)));
    assert.ok(delays.size > 10);
    for (const delay of delays) assert.ok(delay >= 200 && delay <= 400);
  });
});
