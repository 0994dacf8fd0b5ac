export interface BackoffOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so many clients do not retry in lockstep yet never retry instantly.
 */
export function reconnectDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = options.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}
