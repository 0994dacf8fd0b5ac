import type { CheckContext, PracticeOutcome } from '../checkContext';
import { unparsableBody } from '../deliveryVariants';
import { badRequest } from '../expectations';

/** 5. A correctly signed body that is not JSON → 400, not 5xx. */
export async function unparsableJson(ctx: CheckContext): Promise<PracticeOutcome> {
  if (ctx.definition.payloadFormat !== 'json') {
    return { applicable: false, reason: `${ctx.definition.name} sends form-encoded bodies, which any body parses as.` };
  }
  const delivery = ctx.deliver({ from: { ...ctx.template, body: unparsableBody(ctx.template.body) } });
  const record = await ctx.send('a correctly signed body cut short (not JSON)', delivery, badRequest());
  return { applicable: true, exchanges: [record], summary: `${record.response?.status ?? record.error?.code} to a signed body that is not JSON` };
}
