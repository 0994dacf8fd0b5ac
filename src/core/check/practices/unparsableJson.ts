import type { CheckContext, PracticeOutcome } from '../checkContext';
import { bodyFormatOf, unparsableBody } from '../deliveryVariants';
import { badRequest } from '../expectations';

/** 5. A correctly signed body that is not JSON → 400, not 5xx. */
export async function unparsableJson(ctx: CheckContext): Promise<PracticeOutcome> {
  if (bodyFormatOf(ctx.template.rawHeaders) === 'form') {
    return { applicable: false, reason: `${ctx.definition.name} sends this event form-encoded, and any body parses as form data.` };
  }
  const delivery = ctx.deliver({ from: { ...ctx.template, body: unparsableBody(ctx.template.body) } });
  const record = await ctx.send('a correctly signed body cut short (not JSON)', delivery, badRequest());
  return { applicable: true, exchanges: [record], summary: `${record.response?.status ?? record.error?.code} to a signed body that is not JSON` };
}
