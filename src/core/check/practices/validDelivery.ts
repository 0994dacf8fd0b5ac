import { formatSeconds } from '../../testEvents/providerRetry';
import type { CheckContext, PracticeOutcome } from '../checkContext';
import { acknowledged } from '../expectations';

/** 1. A valid signed delivery → 2xx within the provider's timeout, and well within it. */
export async function validDelivery(ctx: CheckContext): Promise<PracticeOutcome> {
  const delivery = ctx.deliver();
  const record = await ctx.send('a valid signed delivery', delivery, acknowledged(ctx.timeoutMs));
  const answer = record.response ? `${record.response.status} in ${Math.round(record.durationMs)} ms` : '';
  return {
    applicable: true,
    exchanges: [record],
    summary: `${answer} (${ctx.definition.name} waits up to ${formatSeconds(ctx.timeoutMs)})`,
  };
}
