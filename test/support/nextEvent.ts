import type { Event } from '../../src/core';

/** The next value `event` fires that `matches`: a signal to await instead of polling with a deadline. */
export function nextEvent<T>(event: Event<T>, matches: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const subscription = event((value) => {
      if (!matches(value)) return;
      subscription.dispose();
      resolve(value);
    });
  });
}
