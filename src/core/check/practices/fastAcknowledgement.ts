import { formatSeconds } from '../../testEvents/providerRetry';
import type { CheckContext, PracticeOutcome } from '../checkContext';
import { acknowledged } from '../expectations';

/** A burst stops after this many failures: a handler that never answers would otherwise hold the check for N timeouts. */
const STOP_AFTER_FAILURES = 3;

/**
 * 6. Distinct deliveries back to back, each sent the moment the previous one is answered, as a
 * provider drains a backlog: every one answered 2xx, the 95th percentile of the answer times under
 * half the provider's timeout. Slow work before the answer shows in every answer; synchronous work
 * after it blocks the next delivery.
 */
export async function fastAcknowledgement(ctx: CheckContext): Promise<PracticeOutcome> {
  const exchanges = [];
  let failures = 0;
  for (let i = 0; i < ctx.burstSize && failures < STOP_AFTER_FAILURES; i++) {
    const record = await ctx.send(`delivery ${i + 1} of ${ctx.burstSize}, back to back`, ctx.deliver(), acknowledged(ctx.timeoutMs));
    exchanges.push(record);
    if (record.verdict === 'fail') failures++;
    if (ctx.signal?.aborted) break;
  }
  const times = exchanges.map((e) => e.durationMs).sort((a, b) => a - b);
  const p95 = percentile(times, 0.95);
  const half = ctx.timeoutMs / 2;
  const figures = `p95 ${Math.round(p95)} ms, slowest ${Math.round(times[times.length - 1])} ms`;
  const summary = `${exchanges.length} deliveries back to back: ${figures} (limit ${formatSeconds(ctx.timeoutMs)})`;
  const notes = [`Answer times in order: ${exchanges.map((e) => Math.round(e.durationMs)).join(', ')} ms.`];
  if (failures) {
    const stopped = exchanges.length < ctx.burstSize ? `; stopped after ${failures} failures` : '';
    return { applicable: true, exchanges, summary, notes, status: 'fail', actual: `${failures} of ${exchanges.length} deliveries not acknowledged in time${stopped}; ${figures}` };
  }
  if (p95 > half) return { applicable: true, exchanges, summary, notes, status: 'warn', actual: `${figures}: over half of ${formatSeconds(ctx.timeoutMs)}` };
  return { applicable: true, exchanges, summary, notes, status: 'pass' };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
