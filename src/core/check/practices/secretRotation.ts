import type { CheckContext, PracticeOutcome } from '../checkContext';
import { otherSecret } from '../deliveryVariants';
import { acknowledged } from '../expectations';

/** 9. While a secret rotates, a header carries several signatures: accepted when any one matches, in either order. */
export async function secretRotation(ctx: CheckContext): Promise<PracticeOutcome> {
  const { definition } = ctx;
  const rotation = definition.testing.rotation;
  if (!rotation) return { applicable: false, reason: `${definition.name} sends one signature at a time, even while a secret is rotated.` };
  const previous = otherSecret(ctx.key);
  const exchanges = [];
  for (const [label, secrets] of [
    ['the old secret\u2019s signature first, the current one second', [previous, ctx.key]],
    ['the current secret\u2019s signature first, the old one second', [ctx.key, previous]],
  ] as const) {
    const delivery = ctx.deliver();
    const target = new URL(delivery.url);
    const signed = rotation.sign(
      { method: delivery.method, url: target.pathname + target.search, rawHeaders: delivery.rawHeaders, body: delivery.body },
      secrets,
      { now: ctx.now(), targetUrl: () => ctx.signedUrl },
    );
    exchanges.push(await ctx.send(`${rotation.description}: ${label}`, { method: delivery.method, url: new URL(signed.url, target).toString(), rawHeaders: signed.rawHeaders, body: signed.body }, acknowledged(ctx.timeoutMs)));
  }
  return { applicable: true, exchanges, summary: `accepted both orders of ${rotation.description}` };
}
