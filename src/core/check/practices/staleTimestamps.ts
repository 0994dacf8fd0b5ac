import type { CheckContext, PracticeOutcome } from '../checkContext';
import { refused } from '../expectations';

/** How far past the tolerance the stale and future probes are signed: well outside any sane window. */
const MARGIN_SECONDS = 300;
/** The tolerance most schemes use (Stripe, Slack, Standard Webhooks, HubSpot). */
const COMMON_TOLERANCE_SECONDS = 300;

/** 3. Signed timestamps past the scheme's tolerance, either way → rejected. */
export async function staleTimestamps(ctx: CheckContext): Promise<PracticeOutcome> {
  const { timestamp, name } = ctx.definition;
  if (!timestamp.signed) {
    return { applicable: false, reason: `${name} signs no timestamp, so a replayed delivery looks like a fresh one; rely on delivery ids (practice 4).` };
  }
  const tolerance = Math.max(timestamp.providerToleranceSeconds ?? COMMON_TOLERANCE_SECONDS, COMMON_TOLERANCE_SECONDS);
  const offsetSeconds = tolerance + MARGIN_SECONDS;
  const now = ctx.now();
  const minutes = `${offsetSeconds / 60} minutes`;
  const exchanges = [
    await ctx.send(`signed ${minutes} ago (${timestamp.location})`, ctx.deliver({ at: now - offsetSeconds * 1000 }), refused()),
    await ctx.send(`signed ${minutes} in the future (${timestamp.location})`, ctx.deliver({ at: now + offsetSeconds * 1000 }), refused()),
  ];
  const providerTolerance = timestamp.providerToleranceSeconds === undefined ? 'none documented' : `${timestamp.providerToleranceSeconds} s`;
  return {
    applicable: true,
    exchanges,
    summary: `refused timestamps ${minutes} old and ahead`,
    notes: [`${name}'s own tolerance: ${providerTolerance}; the probes are signed ${offsetSeconds} s away, past any common tolerance.`],
  };
}
